/**
 * A server the launcher or the test setup made sure is available.
 *
 * Callers must call stop() when they shut down, including on SIGINT/SIGTERM: a signal that kills the Node process
 * skips every cleanup hook, so a server we started would otherwise outlive it (Ctrl+C in a terminal also reaches
 * the children, but `kill <pid>` does not).
 */
export interface DevService {
  /** False when the server was already running; then stop() does nothing. */
  readonly startedByUs: boolean;
  /** Stops the server if we started it and resolves once its process has exited. */
  stop(): Promise<void>;
}

export const alreadyRunning = { startedByUs: false, stop: async (): Promise<void> => {} } as const;
