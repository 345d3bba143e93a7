import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Allow } from '../auth/allow.decorator';
import { StorageService } from '../storage/storage.service';
import { HealthView } from './health.responses';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly storage: StorageService,
  ) {}

  /** 200 when the database answers and the upload disk is writable, 503 otherwise. */
  @Get()
  @ApiOkResponse({ schema: HealthView })
  @ApiServiceUnavailableResponse({
    description: 'The database or the upload disk is down (same shape, status "degraded")',
    schema: HealthView,
  })
  @Allow('public')
  async health(@Res({ passthrough: true }) response: Response) {
    const [database, uploads] = await Promise.all([
      this.dataSource.query('SELECT 1').then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
      this.storage.checkWritable().then(
        () => 'ok' as const,
        () => 'down' as const,
      ),
    ]);
    const ok = database === 'ok' && uploads === 'ok';
    response.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', database, uploads, time: new Date().toISOString() };
  }
}
