import type { Me } from './api';
import type { EarlyStart } from './prefetch';

/*
 * The page's first GETs, started by a few lines inlined in index.html's head (by the build:
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
    if (!token) return;
    const saved = JSON.parse(localStorage.getItem('cchc.me') ?? 'null') as {
      token: string;
      me: Me;
    } | null;
    const me = saved && saved.token === token ? saved.me : null;
    const early: EarlyStart = { at: Date.now(), token, responses: {} };
    for (const path of ['/auth/me', ...plan(location.pathname.replace(/\/+$/, ''), me)]) {
      const response = fetch(`/api${path}`, { headers: { Authorization: `Bearer ${token}` } });
      response.catch(() => undefined); // a failure is the taker's to report, if any takes it
      early.responses[path] = response;
    }
    window.cchcEarly = early;
  } catch {
    // no storage (a locked-down browser) or a malformed address: the pages ask themselves
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
