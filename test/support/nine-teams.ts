import { mp4, pdf } from './sample-files';
import { bearer, type TestApp } from './test-app';
import { TusTestClient } from './tus';

/**
 * The 9-team contest whose results were worked out by hand (results.e2e-spec.ts has the
 * table): team 5 wins with 30,00 + 64,08 = 94,08 and 84,00 in the final = 178,08; teams 8 and
 * 9 tie on every key and need a decision. Used by the API and the browser tests alike.
 */
export const JUDGES = ['gk.nguyen', 'gk.tran', 'gk.le', 'gk.pham', 'gk.vo'];

/** Interaction counts: raw = reactions + 2 × shares; points = 30 × raw / 2000. */
export const COUNTS: Record<number, [number, number]> = {
  1: [900, 50], // raw 1000 → 15,00
  2: [1100, 200], // 1500 → 22,50
  3: [600, 100], // 800 → 12,00
  4: [1300, 250], // 1800 → 27,00
  5: [1500, 250], // 2000 → 30,00
  6: [1000, 100], // 1200 → 18,00
  7: [501, 50], // 601 → 9,015 → 9,02 (half up)
  8: [1200, 100], // 1400 → 21,00
  9: [1200, 100], // 1400 → 21,00
};

/**
 * Base preliminary card (novelty, usefulness, practicality, breakthrough, quality). gk.le
 * gives 2 less quality, gk.vo 2 more; gk.tran gives team 5 a quarter more novelty. With five
 * judges the trimmed mean (the option these suites choose, see chooseTrimmedMean) drops gk.le
 * and gk.vo; team 1 has four (gk.pham is from its unit).
 */
export const CARDS: Record<number, [number, number, number, number, number]> = {
  1: [12, 12, 12, 11, 6], // 53 → mean of 53, 53, 51, 55 = 53,00
  2: [13, 13, 12, 12, 7], // 57
  3: [11, 11, 11, 11, 6], // 50
  4: [13, 13, 13, 13, 7], // 59
  5: [14, 14, 14, 14, 8], // 64; trimmed mean of 64, 64,25, 64 = 64,0833 → 64,08
  6: [12, 12, 12, 12, 6], // 54
  7: [12, 13, 13, 12, 7], // 57
  8: [12, 12, 12, 12, 7], // 55
  9: [12, 12, 12, 12, 7], // 55
};

/** Final parts (presentation, debate, questions); gk.le 1 less presentation, gk.vo 1 more. */
export const PARTS: Record<number, [number, number, number]> = {
  1: [41, 25, 16], // 82
  2: [45, 26, 17], // 88
  3: [45, 26, 17], // 88
  4: [44, 26, 18], // 88
  5: [42, 25, 17], // 84
  6: [43, 26, 17], // 86
  7: [40, 24, 16], // 80
  8: [40, 24, 16], // 80
  9: [40, 24, 16], // 80
};

/** A judge's preliminary scores for team n. */
export function preliminaryScores(username: string, n: number) {
  const [novelty, usefulness, practicality, breakthrough, quality] = CARDS[n]!;
  return {
    novelty: novelty + (username === 'gk.tran' && n === 5 ? 0.25 : 0),
    usefulness,
    practicality,
    breakthrough,
    quality: quality + (username === 'gk.le' ? -2 : username === 'gk.vo' ? 2 : 0),
  };
}

/**
 * Every judge scores and submits every part of every finalist (gk.pham skips team 1, a
 * conflict of interest), then nominates a member of team 5 (individual, presentation) and
 * team 4 (collective, debate) for the side prizes.
 */
export async function scoreFinalAndNominate(
  t: TestApp,
  contestId: string,
  entries: Record<number, string>,
  judges: Record<string, string>,
): Promise<void> {
  const api = (path: string) => `/api/contests/${contestId}${path}`;
  const member5 = (
    await t.sql.query(
      `SELECT m.id FROM team_members m JOIN entries e ON e.team_id = m.team_id
        WHERE e.id = $1 ORDER BY m.full_name LIMIT 1`,
      [entries[5]],
    )
  ).rows[0].id as string;
  for (const username of JUDGES) {
    for (let n = 1; n <= 9; n++) {
      if (username === 'gk.pham' && n === 1) continue;
      const [p, d, q] = PARTS[n]!;
      const points: Record<string, number> = {
        presentation: p + (username === 'gk.le' ? -1 : username === 'gk.vo' ? 1 : 0),
        debate: d,
        questions: q,
      };
      for (const [part, value] of Object.entries(points)) {
        const saved = await t.http
          .put(api(`/final/entries/${entries[n]}/parts/${part}`))
          .set(bearer(judges[username]!))
          .send({ points: value })
          .expect(200);
        await t.http
          .post(api(`/final/entries/${entries[n]}/parts/${part}/submit`))
          .set(bearer(judges[username]!))
          .send({ version: saved.body.version })
          .expect(200);
      }
    }
    await t.http
      .post(api('/final/nominations'))
      .set(bearer(judges[username]!))
      .send({
        kind: 'individual',
        partCode: 'presentation',
        entryId: entries[5],
        memberId: member5,
      })
      .expect(201);
    await t.http
      .post(api('/final/nominations'))
      .set(bearer(judges[username]!))
      .send({ kind: 'collective', partCode: 'debate', entryId: entries[4] })
      .expect(201);
  }
}

/**
 * Each of the nine demo teams fills in its entry, uploads a video and an outline through tus
 * and submits (the contest must be in the submission phase). Team 5's model is "Chính quyền
 * 24 giờ", the seed's winner.
 */
export async function submitNineEntries(t: TestApp, contestId: string, videoBytes: number) {
  const api = (path: string) => `/api/contests/${contestId}${path}`;
  for (let n = 1; n <= 9; n++) {
    const token = await t.login(`doi${n}`);
    await t.http
      .put(api('/my-entry'))
      .set(bearer(token))
      .send({
        name: n === 5 ? 'Chính quyền 24 giờ' : `Mô hình cải cách số ${n}`,
        context: 'Người dân cần giải quyết thủ tục nhanh hơn.',
        implementation: 'Tiếp nhận hồ sơ qua mạng, trả kết quả tại nhà.',
        benefits: 'Tiết kiệm thời gian và chi phí cho người dân.',
        category: 'Cải cách thủ tục hành chính',
        originalityDeclared: true,
      })
      .expect(200);
    const tus = new TusTestClient(t.http, token, contestId);
    expect((await tus.upload('video', `doi${n}.mp4`, mp4(videoBytes))).res.status).toBe(204);
    expect((await tus.upload('outline', `doi${n}.pdf`, pdf())).res.status).toBe(204);
    await t.http.post(api('/my-entry/submit')).set(bearer(token)).expect(200);
  }
}
