import { useRef, useState } from 'preact/hooks';
import { useAnnounce } from '../../components/announcer';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { type Column, DataTable, pageOf } from '../../components/DataTable';
import { ApiErrorBox, OkBox, ProblemBox } from '../../components/feedback';
import { Section } from '../../components/Section';
import { count, dateTime } from '../../format';
import { postForBlob, saveBlob, sendForm } from '../../files';
import { post } from '../../api';
import { useAction } from '../../hooks';
import { FilePreviewForm, TemplateButtons, useChosenFile } from './FileImport';
import { ROLE_LABELS, type SectionProps } from './lib';
import type {
  RegistrationCommit,
  RegistrationPlan,
  RegistrationPreview,
  RegistrationProblem,
} from './registration/types';

const PAGE_SIZE = 20;
const TEMPLATES = [
  ['xlsx', 'Excel'],
  ['csv', 'CSV'],
] as const;

const COUNT_ROWS: [Exclude<keyof RegistrationPlan['counts'], 'accounts'>, string][] = [
  ['units', 'Đơn vị'],
  ['teams', 'Đội thi'],
  ['members', 'Thành viên'],
  ['judges', 'Giám khảo'],
  ['organisers', 'Ban tổ chức'],
];

type CountRow = { label: string; create: number; existing: number };
const COUNT_COLUMNS: Column<CountRow>[] = [
  { key: 'label', header: 'Loại', rowHeader: true, cell: (r) => r.label },
  { key: 'create', header: 'Sẽ tạo mới', num: true, cell: (r) => count(r.create) },
  { key: 'existing', header: 'Đã có, giữ nguyên', num: true, cell: (r) => count(r.existing) },
];

const ERROR_COLUMNS: Column<RegistrationProblem>[] = [
  { key: 'sheet', header: 'Trang', cell: (e) => e.sheet },
  { key: 'row', header: 'Dòng', num: true, cell: (e) => e.row },
  {
    key: 'column',
    header: 'Cột',
    cell: (e) => (e.column ? `${e.column} (${e.columnName})` : (e.columnName ?? '—')),
  },
  { key: 'message', header: 'Lỗi', rowHeader: true, cell: (e) => e.message },
];

type Account = RegistrationPlan['create']['accounts'][number];
const ACCOUNT_COLUMNS: Column<Account>[] = [
  { key: 'name', header: 'Họ tên / tên đội', rowHeader: true, cell: (a) => a.name },
  { key: 'role', header: 'Vai trò', cell: (a) => ROLE_LABELS[a.role] ?? a.role },
  { key: 'username', header: 'Tên đăng nhập', cell: (a) => <code>{a.username}</code> },
  { key: 'where', header: 'Từ', cell: (a) => `${a.sheet}, dòng ${a.row}` },
];

/**
 * "Đăng ký hàng loạt": the registration workbook (templates, upload, preview with errors by
 * sheet, row and column), the commit (all or nothing), and the account slips, which can be
 * downloaded for 15 minutes only: the temporary passwords are not kept anywhere readable.
 */
export function Registration({ contest }: SectionProps) {
  const base = `/contests/${contest.id}/registration`;
  const chosen = useChosenFile();
  const { file } = chosen;
  const [preview, setPreview] = useState<RegistrationPreview | null>(null);
  const [committed, setCommitted] = useState<RegistrationCommit | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [localError, setLocalError] = useState<string | null>(null);
  const [errorPage, setErrorPage] = useState(1);
  const [accountPage, setAccountPage] = useState(1);
  const previewAction = useAction();
  const commitAction = useAction();
  const slipsAction = useAction();
  const slipsNote = useRef<HTMLParagraphElement>(null);
  // said through the app's live region after the commit's own message (same render, children's
  // effects first)
  useAnnounce(commitAction.ok && committed?.slips?.token, () => slipsNote.current?.innerText);

  const doPreview = (e: Event) => {
    e.preventDefault();
    setLocalError(file ? null : 'Chọn tệp đăng ký (Excel .xlsx hoặc CSV) để xem trước.');
    if (!file) return;
    setPreview(null);
    setCommitted(null);
    commitAction.reset();
    void previewAction.run(async () => {
      const fd = new FormData();
      fd.append('file', file, file.name);
      setPreview(await sendForm<RegistrationPreview>(`${base}/preview`, fd));
      setErrorPage(1);
      setAccountPage(1);
    });
  };
  const doCommit = () =>
    void commitAction.run(async () => {
      const res = await post<RegistrationCommit>(`${base}/commits`, {
        previewToken: preview!.previewToken,
      });
      setConfirming(false);
      setPreview(null);
      chosen.clear();
      setCommitted(res);
      return res.created
        ? `Đã ghi đăng ký: ${count(res.counts.teams.create)} đội, ${count(res.counts.members.create)} thành viên, ${count(res.counts.accounts.create)} tài khoản.`
        : 'Mọi dòng trong tệp đã có trong hội thi; không tạo thêm gì.';
    });
  const doSlips = () =>
    void slipsAction.run(async () => {
      const { blob, filename } = await postForBlob(`${base}/slips`, {
        token: committed!.slips!.token,
      });
      saveBlob(blob, filename ?? 'phieu-tai-khoan.pdf');
    });

  const counts = preview ?? committed;
  return (
    <>
      <Section title="Tệp đăng ký" id="tep-dang-ky">
        <p>
          Tải tệp mẫu, điền các trang{' '}
          <strong>Đơn vị, Đội thi, Thành viên, Giám khảo, Ban tổ chức</strong>, rồi tải lên để{' '}
          <strong>xem trước</strong>: lỗi được chỉ rõ trang, dòng và cột; những gì đã có trong hội
          thi được giữ nguyên. Khi không còn lỗi, ghi một lần cho tất cả; mỗi đội, giám khảo và
          thành viên Ban tổ chức mới có một tài khoản với mật khẩu tạm thời.
        </p>
        <TemplateButtons base={base} fileStem="mau-dang-ky" formats={TEMPLATES} />
        <FilePreviewForm
          id="registration-file"
          label="Tệp đăng ký (Excel .xlsx hoặc CSV)"
          inputKey={chosen.inputKey}
          onFile={chosen.setFile}
          onSubmit={doPreview}
          action={previewAction}
          localError={localError}
          inline={['file']}
        />
      </Section>

      {counts && (
        <Section title={preview ? `Xem trước: ${preview.fileName}` : 'Kết quả ghi'} id="xem-truoc">
          <DataTable
            caption="Số dòng theo loại"
            columns={COUNT_COLUMNS}
            rowKey={(r) => r.label}
            rows={COUNT_ROWS.map(([key, label]) => ({ label, ...counts.counts[key] }))}
          />
          <p>
            Tài khoản sẽ tạo: <strong>{count(counts.counts.accounts.create)}</strong>
          </p>
          {preview && preview.errorCount > 0 && (
            <>
              <ProblemBox
                message={`Tệp có ${count(preview.errorCount)} lỗi; chưa ghi gì. Sửa các ô được nêu rồi tải lên lại.`}
              />
              <DataTable
                caption="Lỗi trong tệp"
                columns={ERROR_COLUMNS}
                rowKey={(e, i) => `${e.sheet}-${e.row}-${e.column}-${i}`}
                rows={pageOf(preview.errors, errorPage, PAGE_SIZE)}
                stickyHeader
                paging={{
                  page: errorPage,
                  pageSize: PAGE_SIZE,
                  total: preview.errors.length,
                  onPage: setErrorPage,
                }}
              />
            </>
          )}
          {preview && preview.create.accounts.length > 0 && (
            <DataTable
              caption="Tài khoản sẽ tạo"
              columns={ACCOUNT_COLUMNS}
              rowKey={(a) => a.username}
              rows={pageOf(preview.create.accounts, accountPage, PAGE_SIZE)}
              paging={{
                page: accountPage,
                pageSize: PAGE_SIZE,
                total: preview.create.accounts.length,
                onPage: setAccountPage,
              }}
            />
          )}
          {preview && preview.errorCount === 0 && !preview.canCommit && (
            <p class="alert">Mọi dòng trong tệp đã có trong hội thi: không có gì để ghi.</p>
          )}
          {preview?.canCommit && (
            <p class="actions">
              <button type="button" class="btn btn-primary" onClick={() => setConfirming(true)}>
                Ghi đăng ký
              </button>
              <span class="muted">
                Bản xem trước có hiệu lực đến {dateTime(preview.previewExpiresAt!)}.
              </span>
            </p>
          )}
          <ApiErrorBox error={commitAction.error} />
          <OkBox message={commitAction.ok} />
          {committed?.slips && (
            <div class="alert">
              <p ref={slipsNote}>
                Phiếu tài khoản của {count(committed.slips.people)} người (tên đăng nhập, mật khẩu
                tạm thời, địa chỉ và mã QR đăng nhập) chỉ tải được đến{' '}
                <strong>{dateTime(committed.slips.expiresAt)}</strong>; sau đó không ai xem lại được
                mật khẩu tạm thời (chỉ có thể đặt lại).
              </p>
              <p class="actions">
                <button
                  type="button"
                  class="btn btn-primary"
                  disabled={slipsAction.busy}
                  onClick={doSlips}
                >
                  {slipsAction.busy ? 'Đang tạo tệp PDF…' : 'Tải phiếu tài khoản (PDF)'}
                </button>
              </p>
              <ApiErrorBox error={slipsAction.error} />
            </div>
          )}
        </Section>
      )}
      <ConfirmDialog
        open={confirming}
        title="Ghi đăng ký hàng loạt?"
        confirm="Ghi đăng ký"
        busy={commitAction.busy}
        onConfirm={doCommit}
        onClose={() => setConfirming(false)}
      >
        <p>
          Sẽ tạo {count(preview?.counts.teams.create ?? 0)} đội,{' '}
          {count(preview?.counts.members.create ?? 0)} thành viên và{' '}
          {count(preview?.counts.accounts.create ?? 0)} tài khoản, cùng một lúc. Phiếu tài khoản chỉ
          tải được trong 15 phút sau khi ghi.
        </p>
      </ConfirmDialog>
    </>
  );
}
