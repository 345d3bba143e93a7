import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

/**
 * Loaded into a benchmark's server process (`NODE_OPTIONS=--require …/loop-probe.js`): how busy
 * the main thread was since the last question, asked over the fork's IPC channel with
 * 'loop-stats'. A synchronous slice shows as event-loop delay; on a loaded machine the delay
 * also holds the time the thread waited for a core, so the utilisation is the figure that says
 * whether the main thread itself was working.
 */
if (isMainThread && process.send) {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let since = performance.eventLoopUtilization();
  process.on('message', (message) => {
    if (message !== 'loop-stats') return;
    const used = performance.eventLoopUtilization(since);
    process.send!({
      loopStats: {
        utilisation: used.utilization,
        p99Ms: delay.percentile(99) / 1e6,
        maxMs: delay.max / 1e6,
      },
    });
    delay.reset();
    since = performance.eventLoopUtilization();
  });
}
