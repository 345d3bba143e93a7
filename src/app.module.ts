import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { SETTINGS, Settings } from './config/settings';
import { ContestsModule } from './contests/contests.module';
import { dataSourceOptions } from './database/data-source';
import { EntriesModule } from './entries/entries.module';
import { FanpageModule } from './fanpage/fanpage.module';
import { FinalRoundModule } from './final-round/final-round.module';
import { HealthModule } from './health/health.module';
import { InteractionsModule } from './interactions/interactions.module';
import { RegistrationModule } from './registration/registration.module';
import { JobsModule } from './jobs/jobs.module';
import { JudgingModule } from './judging/judging.module';
import { LiveBoardModule } from './live-board/live-board.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsModule } from './notifications/notifications.module';
import { ProvinceModule } from './province/province.module';
import { ResultsModule } from './results/results.module';
import { SeedModule } from './seed/seed.module';
import { StorageModule } from './storage/storage.module';
import { TeamsModule } from './teams/teams.module';
import { UnitsModule } from './units/units.module';
import { UploadsModule } from './uploads/uploads.module';

@Module({})
export class AppModule {
  static forRoot(settings: Settings): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions(settings.databaseUrl, settings.config.DB_POOL_SIZE),
        ),
        JobsModule,
        AuditModule,
        AuthModule,
        ContestsModule,
        UnitsModule,
        TeamsModule,
        EntriesModule,
        UploadsModule,
        InteractionsModule,
        RegistrationModule,
        JudgingModule,
        FinalRoundModule,
        ResultsModule,
        LiveBoardModule,
        StorageModule,
        HealthModule,
        MetricsModule,
        SeedModule,
        NotificationsModule,
        ProvinceModule,
        FanpageModule,
      ],
      providers: [
        { provide: SETTINGS, useValue: settings },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
      exports: [SETTINGS],
    };
  }
}
