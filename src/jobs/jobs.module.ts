import { Global, Module } from '@nestjs/common';
import { JobScheduler } from './job-scheduler';

/** The periodic-job scheduler, available to every module (see job-scheduler.ts). */
@Global()
@Module({ providers: [JobScheduler], exports: [JobScheduler] })
export class JobsModule {}
