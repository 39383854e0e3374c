import { Injectable } from '@nestjs/common';

/** Where every Clock of the process reads the time; tests may replace it (`setClockTimeSource`). */
let timeSource: () => number = Date.now;

/**
 * Tests only: makes every Clock of this process — the API's and the worker's when both run in one test process —
 * read the time from `source` (libs/testing's ControllableClock); `null` restores the system time.
 */
export function setClockTimeSource(source: (() => number) | null): void {
  timeSource = source ?? Date.now;
}

/** The one source of "now", so tests and jobs can reason about time explicitly. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date(timeSource());
  }
}
