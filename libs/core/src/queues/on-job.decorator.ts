import { SetMetadata } from '@nestjs/common';
import { JobName } from './job-names';

export const ON_JOB = Symbol('ON_JOB');

/** Declares a service method as the handler of a job; the worker discovers it at boot. */
export const OnJob = (name: JobName) => SetMetadata(ON_JOB, name);
