import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { ContestsService } from '../contests/contests.service';
import { Entry } from '../entries/entry.entity';
import { Team } from '../teams/team.entity';

const HEADERS = [
  'Đội số',
  'Tên đội',
  'Tên mô hình, sáng kiến',
  'Địa chỉ bài đăng',
  'Lượt thích',
  'Lượt chia sẻ',
  'Bình luận',
];

/** The fill-in templates: one row per published entry, counts left blank. */
@Injectable()
export class InteractionsTemplateService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
  ) {}

  private async rows(contestId: string): Promise<string[][]> {
    await this.contests.get(contestId);
    const entries = await this.dataSource
      .getRepository(Entry)
      .find({ where: { contestId, status: 'published' } });
    const teams = await this.dataSource.getRepository(Team).find({ where: { contestId } });
    const teamOf = new Map(teams.map((t) => [t.id, t]));
    return entries
      .map((e) => ({ e, t: teamOf.get(e.teamId)! }))
      .sort((a, b) => a.t.number - b.t.number)
      .map(({ e, t }) => [String(t.number), t.name, e.name, e.postUrl ?? '', '', '', '']);
  }

  /** UTF-8 with BOM (Excel opens it with the right diacritics); cells starting with = + - @ escaped. */
  async csv(contestId: string): Promise<string> {
    const rows = [HEADERS, ...(await this.rows(contestId))];
    return '\uFEFF' + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  }

  async xlsx(contestId: string): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Lượt tương tác');
    sheet.addRow(HEADERS).font = { bold: true };
    for (const row of await this.rows(contestId))
      sheet.addRow([Number(row[0]), ...row.slice(1, 4).map(safeText)]);
    sheet.columns.forEach((c, i) => (c.width = [8, 28, 40, 60, 12, 12, 12][i]));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}

function safeText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function csvCell(value: string): string {
  const safe = safeText(value);
  return /[",\r\n;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
