import { useState } from 'preact/hooks';
import { ApiError, call, Me, session } from '../../api';
import { homeOf, login } from '../../auth';
import { Field } from '../../components/Field';
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
        <Field id="current" label="Mật khẩu tạm đang dùng" error={currentError}>
          {(control) => (
            <input
              {...control}
              name="currentPassword"
              type="password"
              autoComplete="current-password"
              required
              value={current}
              onInput={(e) => setCurrent(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="new" label="Mật khẩu mới" error={nextError} describedBy="new-rules">
          {(control) => (
            <input
              {...control}
              name="newPassword"
              type="password"
              autoComplete="new-password"
              required
              value={next}
              onInput={(e) => setNext(e.currentTarget.value)}
            />
          )}
        </Field>
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
        <Field
          id="repeat"
          label="Nhập lại mật khẩu mới"
          error={mismatch ? 'Hai lần nhập mật khẩu mới chưa khớp nhau.' : null}
        >
          {(control) => (
            <input
              {...control}
              name="repeatPassword"
              type="password"
              autoComplete="new-password"
              required
              value={repeat}
              onInput={(e) => setRepeat(e.currentTarget.value)}
            />
          )}
        </Field>
        <button class="btn btn-primary" type="submit" disabled={busy}>
          {busy ? 'Đang lưu…' : 'Đổi mật khẩu'}
        </button>
      </form>
    </Page>
  );
}
