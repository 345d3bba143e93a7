import { parentPort } from 'node:worker_threads';
import { lowerThisThreadsPriority, thisThreadsNice } from './thread-priority';

// a worker for thread-priority.spec.ts: lowers its priority and says what it reads back
const before = thisThreadsNice();
lowerThisThreadsPriority();
parentPort!.postMessage({ before, after: thisThreadsNice() });
