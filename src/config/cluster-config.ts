import { IsOptional, IsString, Matches, MinLength } from 'class-validator';
import { IntSetting } from './config-transforms';

/**
 * Several instances and operations: instance count and name, metrics, shutdown
 * (docs/operations.md, deploy/README.md).
 */
export class ClusterConfig {
  /** How many app instances serve this database; more than 1 requires JWT_SECRET. */
  @IntSetting(1, 1000)
  INSTANCE_COUNT = 1;

  /** This instance's name in logs and metrics; default host name and process id. */
  @IsOptional()
  @Matches(/^[\w.:-]{1,64}$/, { message: 'INSTANCE_ID: 1-64 chữ, số hoặc . _ : -' })
  INSTANCE_ID?: string;

  /** Prometheus metrics (GET /metrics) on this internal port; unset: no metrics. */
  @IsOptional()
  @IntSetting(0, 65535)
  METRICS_PORT?: number;

  /** The address the metrics port listens on: keep it internal. */
  @IsString()
  METRICS_HOST = '127.0.0.1';

  /** When set, the scraper must send `Authorization: Bearer <METRICS_TOKEN>`. */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN phải dài ít nhất 16 ký tự' })
  METRICS_TOKEN?: string;

  /** On SIGTERM, in-flight requests get this long to finish before the process exits. */
  @IntSetting(1, 600)
  SHUTDOWN_GRACE_SECONDS = 10;
}
