import { hostname } from 'node:os';

/**
 * This process's name among several app instances: INSTANCE_ID when set, otherwise the host
 * name and process id (unique on one machine, stable for the life of the process). Carried
 * by every request log line and the metrics, so an operator can tell instances apart.
 */
export function instanceIdOf(config: { INSTANCE_ID?: string }): string {
  return config.INSTANCE_ID ?? `${hostname()}-${process.pid}`;
}
