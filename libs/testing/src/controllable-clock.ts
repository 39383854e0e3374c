import { setClockTimeSource } from '@app/core';

/**
 * A clock for tests that runs with real time but can be moved forward: every Clock of the process (the API's and
 * the worker's in one test process) reads it once installed. Months pass in a call, so delayed jobs and
 * schedules can be followed through the real queue.
 */
export class ControllableClock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): Date {
    if (ms < 0) throw new RangeError('A clock only moves forward');
    this.offsetMs += ms;
    return this.now();
  }

  /** Moves to `instant` (not before now). */
  advanceTo(instant: Date): Date {
    return this.advance(Math.max(0, instant.getTime() - this.now().getTime()));
  }

  install(): this {
    setClockTimeSource(() => Date.now() + this.offsetMs);
    return this;
  }

  uninstall(): void {
    setClockTimeSource(null);
  }
}
