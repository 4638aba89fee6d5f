// A file the page itself hands to the browser as a download (in a tab, only the page can start one).
import type { ResponseOf } from './bridge/contract.ts';

export function downloadFile(fileName: string, mediaType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: `${mediaType};charset=utf-8` }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }
}

type ExportAnswer = ResponseOf<'projects:export'>;

// An export as main answered it: saved through its dialog (Electron), or handed back for the page to download (a
// browser tab). What to tell the user, including that it stopped short of everything selected.
export function deliverExport(answer: ExportAnswer): string {
  const limited = answer.limitedTo
    ? ` Only the newest ${answer.limitedTo.toLocaleString('en')} matching events are in it: narrow the dates to export the rest.`
    : '';
  if (answer.savedBy === 'main') return answer.saved ? `Exported.${limited}` : 'Not exported.';
  downloadFile(answer.fileName, answer.mediaType, answer.content);
  return `Exported ${answer.fileName}.${limited}`;
}
