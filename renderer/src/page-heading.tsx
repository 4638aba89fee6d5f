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
