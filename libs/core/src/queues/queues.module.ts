import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobQueue } from './job-queue';
import { JobWorkers } from './job-workers';

/** Producer side, for every process. */
@Global()
@Module({ providers: [JobQueue], exports: [JobQueue] })
export class QueuesModule {}

/** Consumer side, imported by apps/worker only. */
@Module({ imports: [DiscoveryModule], providers: [JobWorkers], exports: [JobWorkers] })
export class QueueWorkersModule {}
