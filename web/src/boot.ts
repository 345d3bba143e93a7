import type { Me } from './api';
import type { EarlyStart } from './prefetch';

/*
 * The page's first GETs (a citizen's too), started by a few lines inlined in index.html's head (by the build:
 * web/inline-boot.mts), before any bundle has arrived. On a weak line (Fast 3G: ~560 ms a
 * round trip) they travel together with the entry bundle and the area's code instead of one
 * round trip after them. The app takes an answer from here once (prefetch.ts `takeEarly`);
 * nothing is asked twice.
 *
 * Self-contained on purpose (an inline script imports nothing; the imports above are types
 * only). The token is sent only to this origin's /api, in the header the app itself uses; who
 * is signed in (a team's or a judge's contest) comes from the last /auth/me answer kept for
 * this very token (auth.ts), never from another session's.
 */
(() => {
  try {
    const token = localStorage.getItem('cchc.token');
    const path = location.pathname.replace(/\/+$/, '');
    const paths = publicPlan(path);
    if (token) {
      const saved = JSON.parse(localStorage.getItem('cchc.me') ?? 'null') as {
        token: string;
        me: Me;
      } | null;
      paths.push('/auth/me', ...plan(path, saved && saved.token === token ? saved.me : null));
    }
    if (!paths.length) return;
    const early: EarlyStart = { at: Date.now(), token, responses: {} };
    // the same header the app's own GET would carry (none when signed out)
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    for (const path of paths) {
      const response = fetch(`/api${path}`, { headers });
      response.catch(() => undefined); // a failure is the taker's to report, if any takes it
      early.responses[path] = response;
    }
    window.cchcEarly = early;
  } catch {
    // no storage (a locked-down browser) or a malformed address: the pages ask themselves
  }

  /** What a citizen's page shows first: the contests, a contest's entries, its results. */
  function publicPlan(path: string): string[] {
    if (path === '') return ['/public/contests'];
    const m = path.match(/^\/c\/([^/]+)(\/ket-qua)?$/);
    if (!m) return [];
    const slug = `/public/contests/${encodeURIComponent(decodeURIComponent(m[1]!))}`;
    return m[2] ? [`${slug}/results`, `${slug}/results/versions`] : [`${slug}/entries`];
  }

  /** The GETs each role's page makes first (the same paths its components ask for). */
  function plan(path: string, me: Me | null): string[] {
    let m: RegExpMatchArray | null;
    // the console's contest, and the overview's numbers
    if ((m = path.match(/^\/btc\/([^/]+)$/))) {
      const c = decodeURIComponent(m[1]!);
      return [`/contests/${c}`, `/contests/${c}/entries`, `/contests/${c}/accounts`];
    }
    if ((m = path.match(/^\/btc\/([^/]+)\/[^/]+$/)))
      return [`/contests/${decodeURIComponent(m[1]!)}`];
    if (path === '/doi-thi') {
      const t = me?.memberships.find((x) => x.role === 'team' && x.teamId);
      return t
        ? [
            `/contests/${t.contestId}`,
            `/contests/${t.contestId}/teams/${t.teamId}`,
            `/contests/${t.contestId}/my-entry`,
          ]
        : [];
    }
    if (path === '/giam-khao' || path === '/giam-khao/so-khao') return judge(me, null);
    if ((m = path.match(/^\/giam-khao\/bai\/([^/]+)$/)))
      return judge(me, decodeURIComponent(m[1]!));
    return [];
  }

  /** A judge of one contest (several: the judge chooses first, nothing to guess). */
  function judge(me: Me | null, entryId: string | null): string[] {
    const contests = new Set(
      me?.memberships.filter((x) => x.role === 'judge').map((x) => x.contestId),
    );
    if (contests.size !== 1) return [];
    const c = [...contests][0]!;
    const shell = [`/contests/${c}`, `/contests/${c}/rules`];
    return entryId
      ? [
          ...shell,
          `/contests/${c}/entries/${entryId}`,
          `/contests/${c}/judging/entries/${entryId}/scorecard`,
        ]
      : [...shell, `/contests/${c}/entries`, `/contests/${c}/judging/assignments`];
  }
})();
