// Decorative inline icons: hidden from assistive technology, the adjacent text carries the meaning.

export function VigilLogo({ className }: { className?: string }) {
  return (
    <svg className={className} viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <path
        d="M16 2.5 4.5 6.8v8.4c0 7.1 4.9 12.6 11.5 14.3 6.6-1.7 11.5-7.2 11.5-14.3V6.8L16 2.5Z"
        fill="#0b5cad"
      />
      <path
        d="M7.8 16c2.2-3.6 5.1-5.4 8.2-5.4s6 1.8 8.2 5.4c-2.2 3.6-5.1 5.4-8.2 5.4s-6-1.8-8.2-5.4Z"
        fill="#ffffff"
      />
      <circle cx="16" cy="16" r="3.1" fill="#0b5cad" />
    </svg>
  );
}

// Small decorative glyphs drawn in the text colour; screen readers skip them (the text beside them says it all).
function Glyph({ d }: { d: string }) {
  return (
    <svg className="icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false">
      <path fill="currentColor" d={d} />
    </svg>
  );
}

export const AlertIcon = () => <Glyph d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm0 4a1 1 0 0 1 1 1v4.2a1 1 0 1 1-2 0V6.5a1 1 0 0 1 1-1Zm0 7.6a1.2 1.2 0 1 1 0 2.4 1.2 1.2 0 0 1 0-2.4Z" />;
export const WarningIcon = () => <Glyph d="M8.6 2.4a1.6 1.6 0 0 1 2.8 0l7.2 12.8a1.6 1.6 0 0 1-1.4 2.3H2.8a1.6 1.6 0 0 1-1.4-2.3L8.6 2.4ZM10 6.5a1 1 0 0 0-1 1v3.8a1 1 0 1 0 2 0V7.5a1 1 0 0 0-1-1Zm0 6.9a1.2 1.2 0 1 0 0 2.4 1.2 1.2 0 0 0 0-2.4Z" />;
export const CheckIcon = () => <Glyph d="M10 1.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17Zm4 6.2-4.6 5.4a1 1 0 0 1-1.5.1L5.8 11a1 1 0 1 1 1.4-1.4l1.3 1.3 3.9-4.5a1 1 0 1 1 1.6 1.3Z" />;
