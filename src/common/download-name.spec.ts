import { contentDisposition, safeDownloadName } from './download-name';

describe('download names', () => {
  it.each([
    ['de-cuong.html', 'pdf', 'de-cuong.pdf'],
    ['clip.html', 'mp4', 'clip.mp4'],
    ['invoice\u202egpj.exe', 'mp4', 'invoicegpj.mp4'],
    ['report.pdf.exe', 'pdf', 'report.pdf.pdf'],
    ['no extension', 'docx', 'no extension.docx'],
    ['..', 'pdf', 'de-cuong.pdf'],
    ['\u202e\u2066\u0000', 'pdf', 'de-cuong.pdf'],
    ['../../etc/passwd', 'pdf', '_.._etc_passwd.pdf'],
    ['.htaccess', 'pdf', 'de-cuong.pdf'],
    ['Đề cương'.normalize('NFD') + '.docx', 'docx', 'Đề cương.docx'],
    ['tệp\r\nSet-Cookie: x=1.pdf', 'pdf', 'tệpSet-Cookie: x=1.pdf'],
  ])('%j as %s → %j', (name, extension, expected) => {
    expect(safeDownloadName(name, extension, 'de-cuong')).toBe(expected);
  });

  it('keeps at most 120 characters before the extension, never splitting a character', () => {
    const name = safeDownloadName('😀'.repeat(200) + '.mp4', 'mp4', 'video');
    expect([...name]).toHaveLength(124);
    expect(name.endsWith('😀.mp4')).toBe(true);
  });

  it('an unknown type gets .bin, never the name’s own extension', () => {
    expect(safeDownloadName('trang.html', '', 'de-cuong')).toBe('trang.bin');
  });

  it('Content-Disposition carries an ASCII fallback and the RFC 5987 UTF-8 name, no bidi or quotes', () => {
    expect(contentDisposition('Đề cương "mới".pdf', 'attachment')).toBe(
      `attachment; filename="De cuong _moi_.pdf"; filename*=UTF-8''%C4%90%E1%BB%81%20c%C6%B0%C6%A1ng%20%22m%E1%BB%9Bi%22.pdf`,
    );
    expect(contentDisposition('a\u202eb.pdf')).toBe(
      `inline; filename="ab.pdf"; filename*=UTF-8''ab.pdf`,
    );
  });
});
