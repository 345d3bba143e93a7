import { useEffect, useState } from 'preact/hooks';

/**
 * A QR code drawn as one SVG path from `qrcode`'s module matrix (no canvas, no image, so the
 * page's Content Security Policy has nothing to allow). The library is loaded only when a QR
 * code is first shown: most pages never need it.
 */
export function QrCode(props: { text: string; label: string; class?: string; testId?: string }) {
  const [qr, setQr] = useState<{ size: number; path: string } | null>(null);
  useEffect(() => {
    let live = true;
    void import('qrcode').then((lib) => {
      const { modules } = lib.create(props.text, { errorCorrectionLevel: 'M' });
      let path = '';
      for (let y = 0; y < modules.size; y++)
        for (let x = 0; x < modules.size; x++)
          if (modules.get(y, x)) path += `M${x + 4} ${y + 4}h1v1h-1z`;
      if (live) setQr({ size: modules.size + 8, path });
    });
    return () => void (live = false);
  }, [props.text]);
  return (
    <svg
      class={props.class}
      role="img"
      aria-label={props.label}
      data-testid={props.testId}
      viewBox={`0 0 ${qr?.size ?? 33} ${qr?.size ?? 33}`}
      shape-rendering="crispEdges"
    >
      {/* a white quiet zone of four modules around the code, as scanners expect */}
      <rect width="100%" height="100%" fill="#fff" />
      {qr && <path d={qr.path} fill="#000" />}
    </svg>
  );
}
