import { safeDownloadName } from '../common/download-name';

const stemOf = (kind: string) => (kind === 'video' ? 'video' : 'de-cuong');
const extensionOf = (detectedType: string | null) =>
  /^[a-z0-9]{1,8}$/.test(detectedType ?? '') ? detectedType! : 'bin';

/**
 * The name a published file is downloaded under by citizens. The team's own file name can
 * carry a person's name or a draft note ("ban nhap anh Tuan.docx"), so the public gets a
 * neutral one built from the kind and the type detected from the content.
 */
export function publicFileName(upload: {
  id: string;
  kind: string;
  detectedType: string | null;
}): string {
  return `${stemOf(upload.kind)}-${upload.id.slice(0, 8)}.${extensionOf(upload.detectedType)}`;
}

/**
 * The name the team and the organisers download a file under: the team's own name, cleaned
 * (NFC, no control or bidi characters, bounded), with the extension of the sniffed type: a
 * PDF named `de-cuong.html` downloads as `de-cuong.pdf`, never as a page a browser would run.
 */
export function ownFileName(upload: {
  kind: string;
  originalName: string;
  detectedType: string | null;
}): string {
  return safeDownloadName(
    upload.originalName,
    extensionOf(upload.detectedType),
    stemOf(upload.kind),
  );
}
