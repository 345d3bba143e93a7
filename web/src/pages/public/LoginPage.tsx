import { useState } from 'preact/hooks';
import { homeOf, login } from '../../auth';
import { ErrorBox, Page } from '../../components/ui';
import { navigate } from '../../router';

export function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await login(username.trim(), password);
      const next = new URLSearchParams(location.search).get('tiep');
      navigate(next && next.startsWith('/') ? next : homeOf(me));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title="Đăng nhập">
      <form class="card form" onSubmit={submit}>
        <ErrorBox error={error} />
        <label>
          Tên đăng nhập
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label>
          Mật khẩu
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button class="btn btn-primary" type="submit" disabled={busy}>
          {busy ? 'Đang đăng nhập…' : 'Đăng nhập'}
        </button>
      </form>
    </Page>
  );
}
