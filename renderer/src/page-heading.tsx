// Each page starts with its h1, focused on arrival so keyboard and screen-reader users start at the top of the new
// page, and names the window after it.
import { useEffect, useRef, type ReactNode } from 'react';

export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    headingRef.current?.focus();
    document.title = `${title} · Vigil`;
  }, [title]);
  return (
    <div className="page-title">
      <h1 ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}

// The page's h1, for when the control that had focus is gone (a step replaced it, a row was removed).
export function focusPageHeading(): void {
  document.querySelector<HTMLElement>('.page h1')?.focus();
}

export function restoreFocus(previous: Element | null): void {
  if (previous instanceof HTMLElement && previous.isConnected && !previous.matches(':disabled')) previous.focus();
  else focusPageHeading();
}
