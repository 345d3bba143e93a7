import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Allow } from '../auth/allow.decorator';
import { SETTINGS, type Settings } from '../config/settings';
import { StorageService } from '../storage/storage.service';
import { freeDiskBytes } from '../uploads/storage-budget';
import { HealthView } from './health.responses';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: StorageService,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  /**
   * 200 when the database answers and the file store is healthy, 503 otherwise, with one
   * exception: an unreachable **bucket** answers 200 with status "degraded" and a
   * STORAGE_UNREACHABLE warning. The bucket is shared by every instance, so a 503 would make
   * the balancer take all of them out, and judging and the live board (which need no file)
   * would stop too. A local upload disk is this instance's own: 503 sends users elsewhere.
   * The store is probed at most once per 5 s per instance, without writing to a bucket.
   */
  @Get()
  @ApiOkResponse({ schema: HealthView })
  @ApiServiceUnavailableResponse({
    description: 'The database or the upload disk is down (same shape, status "degraded")',
    schema: HealthView,
  })
  @Allow('public')
  async health(@Res({ passthrough: true }) response: Response) {
    const [database, uploads, freeBytes] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
      this.storage.check(),
      freeDiskBytes(this.settings.dataDir).catch(() => null),
    ]);
    const serving = database === 'ok' && (uploads === 'ok' || this.storage.kind === 's3');
    const ok = database === 'ok' && uploads === 'ok';
    response.status(serving ? 200 : 503);
    const minFreeBytes = this.settings.config.UPLOAD_MIN_FREE_DISK_BYTES;
    // Low disk does not make the server unhealthy: it keeps serving, and refuses new uploads.
    const disk = { freeBytes, minFreeBytes, acceptingUploads: (freeBytes ?? 0) >= minFreeBytes };
    return {
      status: ok ? 'ok' : 'degraded',
      database,
      uploads,
      storage: this.storage.kind,
      disk,
      // Still serving (200), but an operator should look: e.g. files the store lacks.
      warnings: this.storage.warnings(),
      time: new Date().toISOString(),
    };
  }
}
