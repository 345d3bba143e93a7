import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { ContestsService } from '../contests/contests.service';
import { csvDocument, safeText } from '../spreadsheets/spreadsheet-cells';
import { publishedEntries } from './interaction-queries';

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
    const entries = await publishedEntries(this.dataSource.manager, contestId);
    return entries.map((e) => [String(e.teamNumber), e.teamName, e.entryName, e.postUrl ?? '']);
  }

  async csv(contestId: string): Promise<Buffer> {
    return csvDocument([HEADERS, ...(await this.rows(contestId)).map((r) => [...r, '', '', ''])]);
  }

  async xlsx(contestId: string): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Lượt tương tác');
    sheet.addRow(HEADERS).font = { bold: true };
    for (const [team, ...text] of await this.rows(contestId))
      sheet.addRow([Number(team), ...text.map(safeText)]);
    sheet.columns.forEach((c, i) => (c.width = [8, 28, 40, 60, 12, 12, 12][i]));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }
}
