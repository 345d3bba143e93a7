import { parentPort, workerData } from 'node:worker_threads';
import { toThreadError } from '../common/thread-errors';
import { lowerThisThreadsPriority } from '../common/thread-priority';
import type { CountColumns } from './counts';
import { type AnalysisMessage, type AnalysisStart, readFile, scoreFile } from './file-analysis';

/**
 * The import's worker thread (started by import.service.ts with heap and time limits): reads
 * and matches the file, answers the readings' times, waits for the stored snapshots they are
 * compared with, answers the scored file.
 */
lowerThisThreadsPriority();
const port = parentPort!;
const start = workerData as AnalysisStart;
const post = (message: AnalysisMessage) => port.postMessage(message);

async function analyse() {
  const file = await readFile(start);
  const stored = new Promise<(CountColumns | null)[]>((resolve) => port.once('message', resolve));
  post({ readingTimes: file.readings.map((r) => r.takenAt) });
  post({ scored: scoreFile(file, start, await stored) });
}

analyse().catch((error: unknown) => post({ failed: toThreadError(error) }));
