import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { get, Me, post, session } from '../../api';
import { homeOf, useMe } from '../../auth';
import { Field, fieldError } from '../../components/Field';
import { ApiErrorBox } from '../../components/feedback';
import { ErrorBox, Link, Loading } from '../../components/ui';
import { date } from '../../format';
import { useAction, useLoad } from '../../hooks';
import { navigate } from '../../router';
import './admin.css';
import { ContestStatusBadge, SectionSlug, SECTIONS, sectionHref } from './lib';
import { Overview } from './Overview';
import type { Contest } from './types';

const isOrganiser = (me: Me, contestId: string) =>
  me.isAdmin || me.memberships.some((m) => m.contestId === contestId && m.role === 'organiser');

/**
 * The organisers' console (Ban tổ chức): `/btc` picks a contest, `/btc/:contestId/:section`
 * works on it. Signed-out visitors go to the login page and come back here afterwards.
 */
export function ConsoleApp({ path }: { path: string }) {
  const { me } = useMe();
  // The token decides: none means signed out; a token without a user yet means still loading.
  // A stored token the server refuses (expired, revoked) is cleared by the API client on the
  // one /auth/me call auth.ts makes, which then counts as signed out.
  const signedOut = !me && !session.token;
  useEffect(() => {
    if (!signedOut) return;
    // after this render's effects: the router's own popstate listener may not be there yet
    const timer = setTimeout(() => {
      history.replaceState(null, '', `/dang-nhap?tiep=${path}`);
      dispatchEvent(new PopStateEvent('popstate'));
    });
    return () => clearTimeout(timer);
  }, [signedOut, path]);
  if (!me) return <main class="page">{signedOut ? null : <Loading />}</main>;
  const parts = path.replace(/\/+$/, '').split('/').slice(2); // after "/btc"
  const contestId = parts[0];
  if (!contestId) return <ContestPicker me={me} />;
  // /btc/nam[/2026]: every contest of a year (administrators); contest ids are uuids
  if (contestId === 'nam')
    return me.isAdmin ? (
      <WithSections>{(s) => <s.YearOverview year={yearOf(parts[1])} />}</WithSections>
    ) : (
      <NotOrganiser me={me} />
    );
  if (!isOrganiser(me, contestId)) return <NotOrganiser me={me} />;
  const slug = (parts[1] ?? '') as SectionSlug;
  return <ContestArea contestId={contestId} section={slug} key={contestId} />;
}

const yearOf = (text: string | undefined) => (text && /^\d{4}$/.test(text) ? Number(text) : null);

function NotOrganiser({ me }: { me: Me }) {
  return (
    <main class="page">
      <h1>Không có quyền truy cập</h1>
      <p>Tài khoản {me.displayName} không thuộc Ban tổ chức của hội thi này.</p>
      <p class="actions">
        <Link href="/btc">Chọn hội thi khác</Link>
        <Link href={homeOf(me)}>Về trang của tôi</Link>
      </p>
    </main>
  );
}

function ContestPicker({ me }: { me: Me }) {
  const { data, error, loading, reload } = useLoad(() => get<Contest[]>('/contests'));
  const mine = data?.filter((c) => isOrganiser(me, c.id)) ?? [];
  useEffect(() => {
    document.title = 'Ban tổ chức — Chọn hội thi';
  }, []);
  return (
    <main class="page page-wide console">
      <h1>Ban tổ chức: chọn hội thi</h1>
      {me.isAdmin && (
        <p>
          <Link href="/btc/nam">Tổng hợp các hội thi trong năm</Link> (trạng thái, các hạn, việc cần
          xử lý; tạo hội thi mới theo thể lệ cũ)
        </p>
      )}
      {loading && <Loading />}
      <ErrorBox error={error} />
      {data && mine.length === 0 && (
        <p class="alert">Bạn chưa được phân công vào Ban tổ chức của hội thi nào.</p>
      )}
      <ul class="cards contest-list">
        {mine.map((c) => (
          <li class="card" key={c.id}>
            <h2>
              <Link href={`/btc/${c.id}`}>{c.name}</Link>
            </h2>
            <p class="muted">
              <ContestStatusBadge status={c.status} /> · mã <code>{c.slug}</code> · tạo ngày{' '}
              {date(c.createdAt)}
            </p>
          </li>
        ))}
      </ul>
      {me.isAdmin && <CreateContest onCreated={reload} />}
    </main>
  );
}

function CreateContest({ onCreated }: { onCreated: () => void }) {
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const [fanpageUrl, setFanpage] = useState('');
  const action = useAction();
  const submit = (e: Event) => {
    e.preventDefault();
    void action.run(async () => {
      const created = await post<Contest>('/contests', {
        slug: slug.trim(),
        name: name.trim(),
        ...(fanpageUrl.trim() ? { fanpageUrl: fanpageUrl.trim() } : {}),
      });
      onCreated();
      navigate(`/btc/${created.id}/thiet-lap`);
    });
  };
  const err = (f: string) => fieldError(action.error, f);
  return (
    <details class="card">
      <summary class="strong">Tạo hội thi mới (quản trị hệ thống)</summary>
      <form class="form" onSubmit={submit} noValidate>
        <ApiErrorBox error={action.error} inline={['slug', 'name', 'fanpageUrl']} />
        <Field id="new-name" label="Tên hội thi" error={err('name')}>
          {(c) => (
            <input {...c} value={name} required onInput={(e) => setName(e.currentTarget.value)} />
          )}
        </Field>
        <Field
          id="new-slug"
          label="Mã rút gọn (slug, dùng trong địa chỉ trang công khai)"
          error={err('slug')}
        >
          {(c) => (
            <input
              {...c}
              value={slug}
              required
              placeholder="nga-bay-2023"
              onInput={(e) => setSlug(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="new-fp" label="Địa chỉ fanpage" error={err('fanpageUrl')}>
          {(c) => (
            <input
              {...c}
              type="url"
              value={fanpageUrl}
              onInput={(e) => setFanpage(e.currentTarget.value)}
            />
          )}
        </Field>
        <button class="btn btn-primary" type="submit" disabled={action.busy}>
          Tạo hội thi
        </button>
      </form>
    </details>
  );
}

type Sections = typeof import('./sections');
let sections: Sections | null = null;

/** Renders with the sections' chunk (sections.ts), loading it the first time. */
function WithSections({ children }: { children: (s: Sections) => ComponentChildren }) {
  const [loaded, setLoaded] = useState(sections);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (loaded) return;
    import('./sections').then(
      (m) => setLoaded((sections = m)),
      (err: unknown) => setError(err),
    );
  }, []);
  if (error) return <ErrorBox error={new Error('Không tải được trang. Vui lòng tải lại.')} />;
  return loaded ? <>{children(loaded)}</> : <Loading />;
}

/** Sections whose tables need every pixel of a 1366 px screen. */
const WIDE = new Set<SectionSlug>(['ket-qua', 'so-khao']);

function ContestArea({ contestId, section }: { contestId: string; section: SectionSlug }) {
  const {
    data: contest,
    error,
    loading,
    reload,
  } = useLoad(() => get<Contest>(`/contests/${contestId}`), [contestId]);
  const current = SECTIONS.find((s) => s.slug === section);
  useEffect(() => {
    if (contest && current) document.title = `${current.label} — ${contest.name}`;
  }, [contest, current]);
  if (!contest) {
    return (
      <main class="page">
        {loading && <Loading />}
        <ErrorBox error={error} />
        <p>
          <Link href="/btc">← Chọn hội thi khác</Link>
        </p>
      </main>
    );
  }
  const props = { contest, reloadContest: reload };
  return (
    // The results desk and the judging matrix use the whole screen: the section list goes on top.
    <div
      class={WIDE.has(section) ? 'console console-layout console-wide' : 'console console-layout'}
    >
      <nav class="console-nav" aria-label="Các mục của hội thi">
        <p class="console-contest">
          <span class="small muted">Hội thi</span>
          <strong>{contest.name}</strong>
          <ContestStatusBadge status={contest.status} />
        </p>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s.slug}>
              <a
                href={sectionHref(contestId, s.slug)}
                aria-current={s.slug === section ? 'page' : undefined}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                  e.preventDefault();
                  navigate(sectionHref(contestId, s.slug));
                  void reload();
                }}
              >
                {s.label}
              </a>
            </li>
          ))}
        </ul>
        <p>
          <Link href="/btc">← Hội thi khác</Link>
        </p>
      </nav>
      <main class="console-main" id="noi-dung">
        <h1>{current?.label ?? 'Không tìm thấy mục'}</h1>
        {section === '' && <Overview {...props} />}
        {section !== '' && current && (
          <WithSections>
            {(s) => (
              <>
                {section === 'thiet-lap' && <s.Setup {...props} />}
                {section === 'doi-thi' && <s.People {...props} />}
                {section === 'dang-ky' && <s.Registration {...props} />}
                {section === 'kiem-duyet' && <s.Moderation {...props} />}
                {section === 'tuong-tac' && <s.Interactions {...props} />}
                {section === 'so-khao' && <s.JudgingProgress {...props} />}
                {section === 'chung-khao' && <s.FinalControl {...props} />}
                {section === 'ket-qua' && <s.Results {...props} />}
                {section === 'thong-bao' && <s.Notifications {...props} />}
              </>
            )}
          </WithSections>
        )}
        {!current && (
          <p>
            <Link href={sectionHref(contestId, '')}>Về trang tổng quan</Link>
          </p>
        )}
      </main>
    </div>
  );
}
