import { Global, Module } from '@nestjs/common';
import { PgNotifications } from '../database/pg-notifications';
import { JobScheduler } from './job-scheduler';

/**
 * What several instances share through PostgreSQL, available to every module: the periodic-job
 * scheduler (job-scheduler.ts) and notifications between instances (pg-notifications.ts).
 */
@Global()
@Module({ providers: [JobScheduler, PgNotifications], exports: [JobScheduler, PgNotifications] })
export class JobsModule {}
