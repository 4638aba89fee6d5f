// The list reporter shows a skipped test as a bare "-" line; this one prints, once at the end, why each test was
// skipped, so a skip in the test log explains itself (e.g. the Electron project on a machine without the binary).
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

export class SkipReasonsReporter implements Reporter {
  private readonly skipped: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const annotations = result.annotations.length > 0 ? result.annotations : test.annotations;
    const reason = annotations.find((annotation) => ['skip', 'fixme'].includes(annotation.type))?.description;
    // titlePath() is [root, project, file, ...describes, test]; the file is left out to keep the line short.
    const [, project, , ...titles] = test.titlePath();
    const title = [project ? `[${project}]` : '', ...titles].filter(Boolean).join(' › ');
    this.skipped.push(`skipped: ${title} — ${reason ?? 'no reason given'}`);
  }

  onEnd(): void {
    if (this.skipped.length > 0) console.log(`\n${this.skipped.join('\n')}`);
  }
}

// Playwright loads a reporter through its module's default export.
export default SkipReasonsReporter;
