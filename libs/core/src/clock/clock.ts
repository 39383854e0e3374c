import { Injectable } from '@nestjs/common';

/** The one source of "now", so tests and jobs can reason about time explicitly. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}
