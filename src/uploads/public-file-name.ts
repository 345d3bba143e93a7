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
  const stem = upload.kind === 'video' ? 'video' : 'de-cuong';
  const extension = /^[a-z0-9]{1,8}$/.test(upload.detectedType ?? '') ? upload.detectedType : 'bin';
  return `${stem}-${upload.id.slice(0, 8)}.${extension}`;
}
