// A QR code drawn here from the otpauth:// URI — never fetched from anywhere, so the secret never leaves the
// machine. The encoder is loaded only when a QR code is first needed, keeping it out of the initial bundle.
import { useEffect, useState } from 'react';

interface Matrix {
  size: number;
  path: string;
}

// One SVG path of unit squares: a few hundred bytes instead of hundreds of <rect> elements.
function toPath(data: boolean[][]): string {
  const parts: string[] = [];
  data.forEach((row, y) => row.forEach((dark, x) => dark && parts.push(`M${x} ${y}h1v1h-1z`)));
  return parts.join('');
}

export function QrCode({ value, label }: { value: string; label: string }) {
  const [matrix, setMatrix] = useState<Matrix | null>(null);

  useEffect(() => {
    let current = true;
    void import('uqr').then(({ encode }) => {
      const qr = encode(value, { ecc: 'M', border: 2 });
      if (current) setMatrix({ size: qr.size, path: toPath(qr.data) });
    });
    return () => {
      current = false;
    };
  }, [value]);

  if (!matrix) {
    return (
      <p className="qr-code qr-code--loading" role="status">
        Drawing the QR code…
      </p>
    );
  }
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${matrix.size} ${matrix.size}`}
      width="200"
      height="200"
      shapeRendering="crispEdges"
    >
      <rect width={matrix.size} height={matrix.size} fill="#ffffff" />
      <path d={matrix.path} fill="#000000" />
    </svg>
  );
}
