import type { Me } from './api';
import { match } from './router';

/**
 * The first GETs of a role's page, started by the entry bundle while the role's code is still
 * on its way. On a weak line (Fast 3G: ~560 ms a round trip) a page otherwise waits for its
 * code, then for the contest, then for its section's data, one after another; now the data
 * arrives with the code. The API client hands a page the answer already on its way
 * (`takeEarly`) instead of asking again; anything not taken within a short while is dropped.
 *
 * Who is signed in comes from the last /auth/me answer kept for this very token (auth.ts),
 * so a team's or a judge's contest is known before /auth/me answers again.
 */
const KEEP_MS = 15_000;
const early = new Map<string, { at: number; token: string; response: Promise<Response> }>();

type Plan = (params: Record<string, string>, me: Me | null) => string[];

const PLANS: [pattern: string, plan: Plan][] = [
  // the console's contest, and the overview's numbers
  [
    '/btc/:contestId',
    ({ contestId }) => [
      `/contests/${contestId}`,
      `/contests/${contestId}/entries`,
      `/contests/${contestId}/accounts`,
    ],
  ],
  ['/btc/:contestId/:section', ({ contestId }) => [`/contests/${contestId}`]],
  [
    '/doi-thi',
    (_, me) => {
      const m = me?.memberships.find((x) => x.role === 'team' && x.teamId);
      return m
        ? [
            `/contests/${m.contestId}`,
            `/contests/${m.contestId}/teams/${m.teamId}`,
            `/contests/${m.contestId}/my-entry`,
          ]
        : [];
    },
  ],
  ['/giam-khao', judgePlan],
  ['/giam-khao/so-khao', judgePlan],
  ['/giam-khao/bai/:entryId', judgePlan],
];

function judgePlan(params: Record<string, string>, me: Me | null): string[] {
  const contests = [
    ...new Set(me?.memberships.filter((m) => m.role === 'judge').map((m) => m.contestId)),
  ];
  if (contests.length !== 1) return []; // several: the judge chooses first
  const c = contests[0]!;
  const shell = [`/contests/${c}`, `/contests/${c}/rules`];
  return params.entryId
    ? [
        ...shell,
        `/contests/${c}/entries/${params.entryId}`,
        `/contests/${c}/judging/entries/${params.entryId}/scorecard`,
      ]
    : [...shell, `/contests/${c}/entries`, `/contests/${c}/judging/assignments`];
}

/** Starts the GETs the page at `path` will make first (signed-in pages only). */
export function prefetchFor(path: string, token: string | null, me: Me | null): void {
  if (!token) return;
  const clean = path.replace(/\/+$/, '') || '/';
  for (const [pattern, plan] of PLANS) {
    const params = match(pattern, clean);
    if (!params) continue;
    for (const p of plan(params, me)) {
      const response = fetch(`/api${p}`, { headers: { Authorization: `Bearer ${token}` } });
      response.catch(() => undefined); // a failure is the taker's to report, if any takes it
      early.set(p, { at: Date.now(), token, response });
    }
    return;
  }
}

/**
 * The answer to a GET already on its way, once; undefined when there is none, it is stale,
 * or it was asked with another session's token.
 */
export function takeEarly(path: string, token: string | null): Promise<Response> | undefined {
  const hit = early.get(path);
  if (!hit) return undefined;
  early.delete(path);
  return Date.now() - hit.at < KEEP_MS && hit.token === token ? hit.response : undefined;
}
