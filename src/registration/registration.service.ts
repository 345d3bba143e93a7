import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../auth/actor';
import { DomainError } from '../common/domain-error';
import { SETTINGS, type Settings } from '../config/settings';
import { CONTEST_STATUSES } from '../contests/contest-status';
import type { Contest } from '../contests/contest.entity';
import { ContestsService } from '../contests/contests.service';
import { publicUrlOf } from '../notifications/public-url';
import { planRegistration, type Plan } from './plan';
import { WorkbookParser } from './parse-workbook';
import { readWorkbook } from './read-workbook';
import { RegistrationPreviews } from './registration-previews';
import { writeRegistration, type Written } from './write-registration';
import { open, parseSlipsToken } from './sealed-slips';
import { renderSlipsInWorker, type SlipsInput } from './account-slips-pdf';

export interface UploadedWorkbook {
  path: string;
  originalName: string;
}

/** Errors listed in an answer; the count says how many there were in all. */
const MAX_LISTED_ERRORS = 500;

/**
 * Bulk registration: a workbook previewed (nothing written but the token), then committed all
 * or nothing in one transaction with its audit rows, accounts and sealed account slips.
 * Committing what already exists creates nothing (idempotent by content).
 */
@Injectable()
export class RegistrationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly contests: ContestsService,
    private readonly previews: RegistrationPreviews,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  async preview(actor: Actor, contestId: string, file: UploadedWorkbook) {
    const contest = await this.contests.get(contestId);
    assertOpen(contest);
    const { plan, sha256, format } = await this.analyse(
      this.dataSource.manager,
      actor,
      contest,
      file,
    );
    const canCommit = plan.errors.length === 0 && somethingToCreate(plan);
    const kept = canCommit ? await this.previews.keep(actor, contestId, file, sha256) : null;
    return {
      fileName: file.originalName,
      fileSha256: sha256,
      format,
      canCommit,
      previewToken: kept?.previewToken ?? null,
      previewExpiresAt: kept?.previewExpiresAt ?? null,
      ...describe(plan),
    };
  }

  /** Commits the previewed file (same SHA-256) once; its token is used in the same transaction. */
  async commit(actor: Actor, contestId: string, token: string) {
    await this.previews.bringHere(token);
    const answer = await this.dataSource.transaction(async (em) => {
      const contest = await this.contests.lock(em, contestId);
      assertOpen(contest);
      const kept = await this.previews.claim(em, actor, contestId, token);
      const file = { path: kept.path, originalName: kept.fileName };
      const { plan, sha256 } = await this.analyse(em, actor, contest, file);
      if (sha256 !== kept.fileSha256)
        throw DomainError.conflict(
          'REGISTRATION_PREVIEW_CHANGED',
          'Tệp đã lưu khi xem trước không còn nguyên vẹn; hãy tải tệp lên lại.',
          'previewToken',
        );
      if (plan.errors.length) throw hasErrors(plan);
      await this.previews.markUsed(em, token);
      if (!somethingToCreate(plan))
        return { created: false as const, ...describe(plan), written: null };
      const written = await writeRegistration(em, actor, contest, plan, {
        fileSha256: sha256,
        fileName: kept.fileName,
        signInUrl: `${publicUrlOf(this.settings.config)}/dang-nhap`,
      });
      return { created: true as const, ...describe(plan), written };
    });
    await this.previews.removeFile(token);
    return commitAnswer(answer);
  }

  /**
   * The slips PDF of a commit: its sealed contents opened with the key only the committing
   * browser holds, rendered in a worker. Any number of times within 15 minutes.
   */
  async slips(actor: Actor, contestId: string, token: string): Promise<Buffer> {
    const parsed = parseSlipsToken(token);
    const notFound = () =>
      new DomainError(
        'not_found',
        'SLIPS_NOT_FOUND',
        'Không còn phiếu tài khoản này (đã quá 15 phút hoặc mã không đúng). Hãy đặt lại mật khẩu cho những người cần.',
        [{ field: 'token', code: 'SLIPS_NOT_FOUND', message: 'Không tìm thấy.' }],
      );
    if (!parsed) throw notFound();
    const [row] = (await this.dataSource.query(
      `SELECT sealed FROM registration_slips
        WHERE id = $1 AND contest_id = $2 AND created_by = $3 AND expires_at > now()`,
      [parsed.id, contestId, actor.userId],
    )) as { sealed: Buffer }[];
    const contents = row ? open(row.sealed, parsed.key) : null;
    if (!contents) throw notFound();
    return renderSlipsInWorker(JSON.parse(contents.toString('utf8')) as SlipsInput);
  }

  private async analyse(em: EntityManager, actor: Actor, contest: Contest, file: UploadedWorkbook) {
    const parser = new WorkbookParser();
    const read = await readWorkbook(
      file.path,
      (sheet, row, cells) => parser.push(sheet, row, cells),
      contest.id,
    );
    const plan = await planRegistration(em, actor, contest, parser.finish());
    return { plan, sha256: read.sha256, format: read.format };
  }
}

function assertOpen(contest: Contest) {
  if (CONTEST_STATUSES.indexOf(contest.status) >= CONTEST_STATUSES.indexOf('judging'))
    throw DomainError.conflict(
      'REGISTRATION_CLOSED',
      'Không thể đăng ký thêm sau khi việc chấm điểm đã bắt đầu.',
    );
}

function somethingToCreate(plan: Plan): boolean {
  const c = plan.create;
  return c.units.length + c.teams.length + c.members.length + c.accounts.length > 0;
}

function hasErrors(plan: Plan): DomainError {
  return new DomainError(
    'invalid',
    'REGISTRATION_HAS_ERRORS',
    `Tệp có ${plan.errors.length} lỗi; chưa ghi dữ liệu nào. Sửa các ô được nêu rồi tải lại.`,
    plan.errors.slice(0, MAX_LISTED_ERRORS).map((e) => ({
      field: `${e.sheet} / dòng ${e.row}${e.column ? ` / cột ${e.column}` : ''}`,
      code: e.code,
      message: e.message,
    })),
  );
}

/** What a preview or commit shows: counts, every error, every row to create or left alone. */
function describe(plan: Plan) {
  const { create, existing } = plan;
  const accounts = (role: string) => create.accounts.filter((a) => a.role === role);
  return {
    errorCount: plan.errors.length,
    errors: plan.errors.slice(0, MAX_LISTED_ERRORS),
    counts: {
      units: { create: create.units.length, existing: existing.units.length },
      teams: { create: create.teams.length, existing: existing.teams.length },
      members: { create: create.members.length, existing: existing.members.length },
      judges: { create: accounts('judge').length, existing: existing.judges.length },
      organisers: { create: accounts('organiser').length, existing: existing.organisers.length },
      accounts: { create: create.accounts.length },
    },
    create: {
      units: create.units.map(({ row, name, kind }) => ({ row, name, kind })),
      teams: create.teams.map(({ row, number, name, unit }) => ({ row, number, name, unit })),
      members: create.members.map(({ row, team, fullName, position, unitName, leader }) => ({
        row,
        team,
        fullName,
        position,
        unit: unitName,
        leader,
      })),
      accounts: create.accounts.map(({ sheet, row, role, username, name }) => ({
        sheet,
        row,
        role,
        username,
        name,
      })),
    },
    existing,
  };
}

function commitAnswer(
  answer: { created: boolean; written: Written | null } & ReturnType<typeof describe>,
) {
  const { written, ...rest } = answer;
  return {
    ...rest,
    importId: written?.importId ?? null,
    slips: written?.slips ?? null,
  };
}
