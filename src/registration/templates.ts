import ExcelJS from 'exceljs';
import { csvDocument } from '../spreadsheets/spreadsheet-cells';
import { SHEETS, UNIT_KIND_LABELS } from './workbook';

const GUIDE = [
  'Cách điền mẫu đăng ký hàng loạt',
  'Mỗi trang một loại: Đơn vị, Đội thi, Thành viên, Giám khảo, Ban tổ chức. Dòng 1 là tiêu đề, không sửa; điền từ dòng 2.',
  `Loại đơn vị: ${Object.values(UNIT_KIND_LABELS).join(', ')} (để trống là Khác).`,
  'Đội thi: số đội không trùng; đơn vị của đội phải có trong trang Đơn vị (hoặc đã có trong hội thi).',
  'Thành viên: ghi số đội của người đó; cột "Trưởng nhóm" ghi x cho đúng một người mỗi đội. Đơn vị công tác để trống là đơn vị của đội.',
  'Giám khảo: đơn vị (nếu ghi) phải có trong trang Đơn vị; giám khảo không chấm đội của đơn vị mình.',
  'Ban tổ chức: chỉ quản trị hệ thống mới tạo được tài khoản Ban tổ chức.',
  'Tải tệp lên để xem trước: lỗi được chỉ rõ trang, dòng, cột; chưa có gì được ghi. Ghi một lần là ghi tất cả.',
  'Những gì đã có trong hội thi được giữ nguyên: tải lại cùng tệp không tạo thêm gì.',
  'Sau khi ghi, tải phiếu tài khoản (PDF) ngay: mật khẩu tạm thời chỉ xem được một lần, trong 15 phút.',
];

/** The blank workbook: five sheets with their headers, and a guide sheet after them. */
export async function registrationTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of SHEETS) {
    const sheet = workbook.addWorksheet(spec.title);
    sheet.addRow(spec.columns.map((c) => c.header)).font = { bold: true };
    sheet.columns.forEach((column, i) => (column.width = spec.columns[i]!.width));
    spec.columns.forEach((c, i) => {
      sheet.getRow(1).getCell(i + 1).note =
        `${c.required ? 'Bắt buộc' : 'Không bắt buộc'}. Ví dụ: ${c.example}`;
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const guide = workbook.addWorksheet('Hướng dẫn');
  GUIDE.forEach((text, i) => (guide.addRow([text]).font = { bold: i === 0 }));
  guide.getColumn(1).width = 120;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * The CSV form of the same workbook: one file, each sheet under a line "[Tên trang]", then its
 * header row.
 */
export function registrationTemplateCsv(): Buffer {
  const width = Math.max(...SHEETS.map((s) => s.columns.length));
  const pad = (cells: string[]) => [...cells, ...Array<string>(width - cells.length).fill('')];
  return csvDocument(
    SHEETS.flatMap((spec) => [
      pad([`[${spec.title}]`]),
      pad(spec.columns.map((c) => c.header)),
      pad([]),
    ]),
  );
}
