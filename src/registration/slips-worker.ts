import { parentPort, workerData } from 'node:worker_threads';
import { lowerThisThreadsPriority } from '../common/thread-priority';
import { renderAccountSlips, type SlipsInput } from './account-slips-pdf';

/** Renders the account slips PDF off the main thread (see renderSlipsInWorker). */
lowerThisThreadsPriority();
const input = workerData as SlipsInput;
renderAccountSlips(input.contestName, input.signInUrl, input.slips, new Date(input.createdAt)).then(
  (pdf) => parentPort!.postMessage({ pdf }),
  (error: unknown) =>
    parentPort!.postMessage({ failed: error instanceof Error ? error.message : String(error) }),
);
