import type { ConnectionRow } from './fanpage-connection.service';
import { FanpageGraph } from './fanpage-settings';
import { GraphFailure, type PostCounts, type RawAnswer } from './graph-client';
import { graphProblem, type GraphProblem } from './graph-problems';
import { graphObjectId } from './post-ids';

/** A published entry as a reading sees it (its post address, its team for the messages). */
export interface EntryRow {
  entryId: string;
  teamNumber: number;
  teamName: string;
  postUrl: string | null;
}

/** An entry a reading could not read, with the reason shown to the organisers. */
export interface UnreadEntry {
  entryId: string;
  teamNumber: number;
  teamName: string;
  problemCode: string;
  reason: string;
}

/** What Facebook answered for a contest's posts: counts by entry, or why there are none. */
export type GraphReading =
  | {
      ok: true;
      counts: ({ entryId: string } & PostCounts)[];
      unread: UnreadEntry[];
      answers: RawAnswer[];
      /** the Graph version Facebook served instead of the one asked for (a retired version) */
      servedVersion: string | null;
    }
  | { ok: false; problem: GraphProblem; answers: RawAnswer[] };

/**
 * Asks Facebook for the totals of every published entry's post. Only HTTP happens here, never
 * the database: a slow Facebook (up to the client's 20 s timeout per request) holds no pooled
 * connection and no transaction. Nothing read at all is a failed reading, never zeros.
 */
export async function readFromGraph(
  graph: FanpageGraph,
  connection: ConnectionRow,
  entries: readonly EntryRow[],
): Promise<GraphReading> {
  const unread: UnreadEntry[] = [];
  const objectOf = new Map<string, EntryRow>();
  for (const entry of entries) {
    const id = graphObjectId(connection.page_id, entry.postUrl);
    if (id) objectOf.set(id, entry);
    else unread.push(unreadOf(entry, graphProblem('POST_ADDRESS_UNREADABLE')));
  }
  const token = graph.vault.open(connection.token_ciphertext);
  if (!token) return { ok: false, problem: graphProblem('TOKEN_KEY_MISMATCH'), answers: [] };
  const client = graph.client(connection.api_version, token);
  let result: Awaited<ReturnType<typeof client.readPosts>>;
  try {
    result = await client.readPosts([...objectOf.keys()]);
  } catch (error) {
    if (!(error instanceof GraphFailure)) throw error;
    return { ok: false, problem: error.problem, answers: error.answers };
  }
  for (const [id, problem] of result.unread) unread.push(unreadOf(objectOf.get(id)!, problem));
  if (result.counts.size === 0)
    return {
      ok: false,
      problem: graphProblem(
        unread[0]?.problemCode === 'POST_ADDRESS_UNREADABLE'
          ? 'POST_ADDRESS_UNREADABLE'
          : 'GRAPH_POST_UNAVAILABLE',
      ),
      answers: result.answers,
    };
  const counts = [...result.counts].map(([id, c]) => ({
    entryId: objectOf.get(id)!.entryId,
    ...c,
  }));
  return {
    ok: true,
    counts,
    unread,
    answers: result.answers,
    servedVersion: client.servedVersion,
  };
}

function unreadOf(entry: EntryRow, problem: GraphProblem): UnreadEntry {
  return {
    entryId: entry.entryId,
    teamNumber: entry.teamNumber,
    teamName: entry.teamName,
    problemCode: problem.code,
    reason: problem.message,
  };
}
