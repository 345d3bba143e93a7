import { useState } from 'preact/hooks';
import { ApiError, call, Me, session } from '../../api';
import { homeOf, login } from '../../auth';
import { ErrorBox, Page } from '../../components/ui';
import { navigate } from '../../router';

const MIN_LENGTH = 10;

/** The rules the server enforces (auth.dto.ts, AccountsService.changePassword), shown as a list. */
function rulesOf(me: Me, current: string, next: string) {
  return [
    { text: `Dài ít nhất ${MIN_LENGTH} ký tự`, ok: next.length >= MIN_LENGTH },
    {
      text: 'Không chứa tên đăng nhập',
      ok: next !== '' && !next.toLowerCase().includes(me.username.toLowerCase()),
    },
    { text: 'Khác mật khẩu tạm đang dùng', ok: next !== '' && next !== current },
  ];
}

/**
 * Shown first, whatever the page, while the account is on a temporary password: the API
 * refuses everything else until it is changed (403 PASSWORD_CHANGE_REQUIRED).
 */
export function ChangePasswordPage({ me }: { me: Me }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);
  const rules = rulesOf(me, current, next);
  const fieldMsg = (field: string) =>
    error instanceof ApiError ? error.forField(field) : undefined;
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setMismatch(next !== repeat);
    if (next !== repeat) return;
    setBusy(true);
    try {
      await call('POST /api/auth/password', {
        body: { currentPassword: current, newPassword: next },
      });
      // every earlier token stops working: sign in again with the new password
      session.set(null);
      const fresh = await login(me.username, next);
      navigate(location.pathname === '/' ? homeOf(fresh) : location.pathname);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const currentError = fieldMsg('currentPassword');
  const nextError = fieldMsg('newPassword');
  const general = error instanceof ApiError && (currentError || nextError) ? null : error;
  return (
    <Page title="Đổi mật khẩu">
      <form class="card form" onSubmit={submit} noValidate>
        <p>
          Xin chào <strong>{me.displayName}</strong>. Tài khoản của bạn đang dùng mật khẩu tạm do
          Ban tổ chức cấp: hãy đặt mật khẩu của riêng bạn trước khi tiếp tục.
        </p>
        <ErrorBox error={general} />
        <label>
          Mật khẩu tạm đang dùng
          <input
            name="currentPassword"
            type="password"
            autoComplete="current-password"
            required
            value={current}
            aria-invalid={currentError ? true : undefined}
            aria-describedby="current-err"
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
          {currentError && (
            <span class="field-error" id="current-err">
              {currentError}
            </span>
          )}
        </label>
        <label>
          Mật khẩu mới
          <input
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            value={next}
            aria-invalid={nextError ? true : undefined}
            aria-describedby="new-rules new-err"
            onInput={(e) => setNext(e.currentTarget.value)}
          />
          {nextError && (
            <span class="field-error" id="new-err">
              {nextError}
            </span>
          )}
        </label>
        <div id="new-rules">
          <p class="small">Một mật khẩu tốt:</p>
          <ul
            class="small"
            aria-label="Quy tắc mật khẩu"
            style={{ listStyle: 'none', paddingLeft: 0 }}
          >
            {rules.map((r) => (
              <li key={r.text} data-ok={r.ok ? 'yes' : 'no'}>
                {r.ok ? '✓' : '•'} {r.text}
              </li>
            ))}
            <li>• Nên là một cụm từ dễ nhớ với bạn nhưng khó đoán với người khác</li>
          </ul>
        </div>
        <label>
          Nhập lại mật khẩu mới
          <input
            name="repeatPassword"
            type="password"
            autoComplete="new-password"
            required
            value={repeat}
            aria-invalid={mismatch ? true : undefined}
            aria-describedby="repeat-err"
            onInput={(e) => setRepeat(e.currentTarget.value)}
          />
          {mismatch && (
            <span class="field-error" id="repeat-err">
              Hai lần nhập mật khẩu mới chưa khớp nhau.
            </span>
          )}
        </label>
        <button class="btn btn-primary" type="submit" disabled={busy}>
          {busy ? 'Đang lưu…' : 'Đổi mật khẩu'}
        </button>
      </form>
    </Page>
  );
}
