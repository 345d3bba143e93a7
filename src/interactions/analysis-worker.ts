import { parentPort, workerData } from 'node:worker_threads';
import { toThreadError } from '../common/thread-errors';
import { lowerThisThreadsPriority } from '../common/thread-priority';
import {
  type AnalysisMessage,
  type AnalysisStart,
  FileAnalysis,
  type ScoreInput,
} from './file-analysis';

/**
 * The import's worker thread (started by import.service.ts with heap and time limits): reads
 * and matches the file, answers `read`, waits for what the database holds, answers `scored`.
 */
lowerThisThreadsPriority();
const port = parentPort!;
const post = (message: AnalysisMessage) => port.postMessage(message);

FileAnalysis.read(workerData as AnalysisStart).then(
  (file) => {
    port.once('message', (input: ScoreInput) => {
      try {
        post({ scored: file.score(input) });
      } catch (error) {
        post({ failed: toThreadError(error) });
      }
    });
    post({ read: file.summary() });
  },
  (error: unknown) => post({ failed: toThreadError(error) }),
);
