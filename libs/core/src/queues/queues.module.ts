import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobIntentSweeper } from '../intents/job-intent-sweeper';
import { JobIntentRelay } from '../intents/job-intents';
import { JobQueue } from './job-queue';
import { JobWorkers } from './job-workers';

/** Producer side, for every process: the queues and the relay of job intents written in transactions. */
@Global()
@Module({ providers: [JobQueue, JobIntentRelay], exports: [JobQueue, JobIntentRelay] })
export class QueuesModule {}

/** Consumer side, imported by apps/worker only (with the periodic relay of job intents). */
@Module({ imports: [DiscoveryModule], providers: [JobWorkers, JobIntentSweeper], exports: [JobWorkers] })
export class QueueWorkersModule {}
