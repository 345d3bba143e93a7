import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError, get, type Me, session } from '../../api';
import { logout, useMe } from '../../auth';
import { useAnnounce } from '../../components/announcer';
import { Link, Loading, Page } from '../../components/ui';
import { keepOffline } from '../../offline';
import { match, navigate } from '../../router';
import { Assignments } from './Assignments';
import type { JudgeCtx } from './context';
import { type Contest, type RulesResponse, useCached, useOnline } from './data';
import { NetStatus } from './controls';
import { Final } from './Final';
import { Outbox } from './outbox';
import { Scoring } from './Scoring';
import './judge.css';

const RECONNECTING = 'Không kết nối được máy chủ. Ứng dụng sẽ tự thử lại.';

/**
 * The judges' tablet app, under /giam-khao:
 *   /giam-khao              the current round (assigned entries, or the live final)
 *   /giam-khao/so-khao      the preliminary round's assigned entries
 *   /giam-khao/bai/:entryId one entry's scorecard
 *   /giam-khao/chung-khao   the live final
 */
export function JudgeApp({ path }: { path: string }) {
  const me = useJudge(path);
  const [choice, setChoice] = useState<string | null>(() =>
    localStorage.getItem('cchc.judge.contest'),
  );
  useAnnounce(me === 'offline', () => RECONNECTING);
  if (me === 'loading') return <Loading />;
  if (me === 'offline')
    return (
      <Page title="Đang kết nối lại…">
        <p>{RECONNECTING}</p>
      </Page>
    );
  if (!me) return <Loading />;
  const contests = [
    ...new Set(me.memberships.filter((m) => m.role === 'judge').map((m) => m.contestId)),
  ];
  if (contests.length === 0)
    return (
      <Page title="Không phải tài khoản giám khảo">
        <p>Tài khoản {me.displayName} không là giám khảo của hội thi nào.</p>
        <p>
          <Link href="/">Về trang chủ</Link>
        </p>
      </Page>
    );
  const contestId = contests.length === 1 ? contests[0]! : contests.find((c) => c === choice);
  if (!contestId)
    return (
      <ContestChooser
        ids={contests}
        onChoose={(id) => {
          localStorage.setItem('cchc.judge.contest', id);
          setChoice(id);
        }}
      />
    );
  return <JudgeShell me={me} contestId={contestId} path={path} />;
}

/**
 * The signed-in judge. Signed out → the login page, back here afterwards. A network failure
 * while checking the session must not sign a judge out in the hall: with a token kept, we
 * ask again until the server answers (auth.ts treats any failure of /auth/me as signed out).
 * Without a token we redirect at once: useMe's `loading` can stay true in a component that
 * mounts together with the header when there is no token (refresh() then finishes before
 * the second component's effect runs). The redirect waits a tick: on the first mount our
 * effect runs before app.tsx's usePath() has subscribed to popstate, which would miss it.
 */
function useJudge(path: string): Me | null | 'loading' | 'offline' {
  const { me, loading } = useMe();
  const [fallback, setFallback] = useState<Me | null>(null);
  const [offline, setOffline] = useState(false);
  const token = session.token;
  useEffect(() => {
    if (me) return;
    if (!token) {
      const t = setTimeout(() => navigate(`/dang-nhap?tiep=${path}`), 0);
      return () => clearTimeout(t);
    }
    if (loading) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = async () => {
      try {
        const m = await get<Me>('/auth/me');
        if (!stop) setFallback(m);
      } catch (error) {
        if (stop) return;
        if (error instanceof ApiError && error.status === 401) {
          logout();
          navigate(`/dang-nhap?tiep=${path}`);
          return;
        }
        setOffline(true);
        timer = setTimeout(ask, 3000);
      }
    };
    void ask();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [me, loading, token]);
  if (me) return me;
  if (!token) return null;
  if (fallback) return fallback;
  if (loading) return 'loading';
  return offline ? 'offline' : 'loading';
}

function ContestChooser({ ids, onChoose }: { ids: string[]; onChoose: (id: string) => void }) {
  const list = useCached<Contest[]>('all', '/contests', 0, false);
  return (
    <Page title="Chọn hội thi">
      {list.loading && <Loading />}
      <div class="jg">
        <ul class="jg-rows">
          {ids.map((id) => {
            const c = list.data?.find((x) => x.id === id);
            return (
              <li key={id}>
                <button type="button" class="btn jg-row" onClick={() => onChoose(id)}>
                  {c?.name ?? id}
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </Page>
  );
}

function JudgeShell({ me, contestId, path }: { me: Me; contestId: string; path: string }) {
  const outbox = useMemo(() => new Outbox(me.userId), [me.userId]);
  useEffect(() => () => outbox.destroy(), [outbox]);
  const [, rerender] = useState(0);
  useEffect(() => outbox.subscribe(() => rerender((n) => n + 1)), [outbox]);
  useEffect(() => {
    if (outbox.authLost) {
      logout();
      navigate(`/dang-nhap?tiep=${path}`);
    }
  });
  const online = useOnline();
  // the judge area's files kept by the service worker: the tablet reopens without Wi-Fi
  const [offlineReady, setOfflineReady] = useState(false);
  useEffect(() => void keepOffline('judge').then(setOfflineReady), []);
  const contest = useCached<Contest>(me.userId, `/contests/${contestId}`, 15000);
  const rules = useCached<RulesResponse>(me.userId, `/contests/${contestId}/rules`, 60000);

  const ctx: JudgeCtx = {
    me,
    contestId,
    outbox,
    contest: contest.data,
    rules: rules.data?.rules ?? null,
  };
  const status = contest.data?.status;
  const queued = outbox.queued(contestId);
  let m: Record<string, string> | null;
  let screen;
  if ((m = match('/giam-khao/bai/:entryId', path)))
    screen = <Scoring key={m.entryId} ctx={ctx} entryId={m.entryId!} />;
  else if (path.replace(/\/+$/, '') === '/giam-khao/so-khao') screen = <Assignments ctx={ctx} />;
  else if (path.replace(/\/+$/, '') === '/giam-khao/chung-khao') screen = <Final ctx={ctx} />;
  else if (path.replace(/\/+$/, '') === '/giam-khao')
    screen = !contest.data ? (
      <Loading />
    ) : status === 'final' ? (
      <Final ctx={ctx} />
    ) : (
      <Assignments ctx={ctx} />
    );
  else
    screen = (
      <p>
        Không tìm thấy trang. <Link href="/giam-khao">Về trang giám khảo</Link>
      </p>
    );
  const finalOn = status === 'final' || status === 'results_published' || status === 'archived';
  const here = path.replace(/\/+$/, '');
  const onFinal = here === '/giam-khao/chung-khao' || (here === '/giam-khao' && status === 'final');

  return (
    <main class="jg" data-offline-ready={offlineReady ? 'true' : undefined}>
      <div class="jg-top">
        <p class="jg-contest">{contest.data?.name ?? 'Ban giám khảo'}</p>
        <nav class="jg-tabs" aria-label="Vòng thi">
          <Link href="/giam-khao/so-khao" class={!onFinal ? 'jg-tab jg-tab-on' : 'jg-tab'}>
            Sơ khảo
          </Link>
          {finalOn && (
            <Link href="/giam-khao/chung-khao" class={onFinal ? 'jg-tab jg-tab-on' : 'jg-tab'}>
              Chung khảo
            </Link>
          )}
        </nav>
        <NetStatus online={online} failing={outbox.failing} queued={queued} />
      </div>
      {!window.isSecureContext && (
        <p class="alert" role="note" data-testid="insecure-origin">
          Địa chỉ này không bảo mật (http), nên khi mất mạng máy tính bảng không mở lại được ứng
          dụng. Điểm đã chấm vẫn được giữ trên máy và tự gửi khi có mạng: chỉ cần đừng đóng hay tải
          lại trang lúc mất mạng. Muốn mở lại được khi mất mạng, Ban tổ chức cần dùng địa chỉ
          https://.
        </p>
      )}
      {outbox.storageFailed && (
        <p class="alert alert-error" role="alert">
          Trình duyệt không cho lưu điểm trên máy: đừng tải lại trang khi chưa có mạng.
        </p>
      )}
      {screen}
    </main>
  );
}
