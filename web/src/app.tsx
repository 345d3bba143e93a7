import { logout, useMe } from './auth';
import { LiveAnnouncer } from './components/announcer';
import { lazyPage } from './components/lazy';
import { NotificationBell } from './components/NotificationBell';
import { Link } from './components/ui';
import { Home } from './pages/public/Home';
import { ContestPage } from './pages/public/ContestPage';
import { LiveBoard } from './pages/public/LiveBoard';
import { ChangePasswordPage } from './pages/public/ChangePasswordPage';
import { LoginPage } from './pages/public/LoginPage';
import { ResultsPage } from './pages/public/ResultsPage';
import { match, navigate, usePath } from './router';

// Each role's area is its own chunk, loaded when first opened (and then kept for offline use).
const TeamPortal = lazyPage(
  () => import('./pages/team/TeamPortal').then((m) => m.TeamPortal),
  'team',
);
const JudgeApp = lazyPage(() => import('./pages/judge/JudgeApp').then((m) => m.JudgeApp), 'judge');
const ConsoleApp = lazyPage(
  () => import('./pages/admin/ConsoleApp').then((m) => m.ConsoleApp),
  'admin',
);

/**
 * The shell: the page, then the one live region every page's messages are said through (it
 * stays mounted across pages, so it is there, empty, before anything is said).
 */
export function App() {
  return (
    <>
      <Screen />
      <LiveAnnouncer />
    </>
  );
}

/**
 * Routes (Vietnamese paths): public pages for citizens, then one area per role. The live board
 * is full screen for the projector (no header).
 */
function Screen() {
  const path = usePath();
  const { me } = useMe();
  // A temporary password opens nothing else (the API answers 403 PASSWORD_CHANGE_REQUIRED).
  if (me?.mustChangePassword)
    return (
      <>
        <Header />
        <ChangePasswordPage me={me} />
      </>
    );
  const live = match('/c/:slug/truc-tiep', path);
  if (live) return <LiveBoard slug={live.slug!} />;
  return (
    <>
      <Header />
      <Route path={path} />
      <footer class="site-footer">Hội thi Mô hình, sáng kiến cải cách hành chính</footer>
    </>
  );
}

function Route({ path }: { path: string }) {
  let m: Record<string, string> | null;
  if (path === '/' || path === '') return <Home />;
  if (path === '/dang-nhap') return <LoginPage />;
  if ((m = match('/c/:slug', path))) return <ContestPage slug={m.slug!} />;
  if ((m = match('/c/:slug/ket-qua', path))) return <ResultsPage slug={m.slug!} />;
  if (path.startsWith('/doi-thi')) return <TeamPortal path={path} />;
  if (path.startsWith('/giam-khao')) return <JudgeApp path={path} />;
  if (path.startsWith('/btc')) return <ConsoleApp path={path} />;
  return (
    <main class="page">
      <h1>Không tìm thấy trang</h1>
      <p>
        <Link href="/">Về trang chủ</Link>
      </p>
    </main>
  );
}

function Header() {
  const { me } = useMe();
  return (
    <header class="site-header">
      <Link href="/" class="brand">
        Hội thi CCHC
      </Link>
      <nav aria-label="Điều hướng chính">
        {me ? (
          <>
            <NotificationBell /> {/* notifications (issue 25) */}
            <span class="who">{me.displayName}</span>
            <button
              type="button"
              class="btn btn-link"
              onClick={() => {
                logout();
                navigate('/');
              }}
            >
              Đăng xuất
            </button>
          </>
        ) : (
          <Link href="/dang-nhap">Đăng nhập</Link>
        )}
      </nav>
    </header>
  );
}
