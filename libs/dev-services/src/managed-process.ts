import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnManagedOptions {
  /** Human name used in errors, e.g. "Meilisearch". */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this OS user (only possible as root). */
  uid?: number;
  gid?: number;
  /** Output is always kept in memory for error messages; also appended here when given. */
  logFile?: string;
  /** The signal the server treats as "shut down cleanly". */
  stopSignal?: NodeJS.Signals;
  /** How long stop() waits after stopSignal before it sends SIGKILL. */
  stopTimeoutMs?: number;
}

/** A child process with its recent output and a stop() that always ends in the process being gone. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  /** Settles when the process has exited (never rejects). */
  readonly exited: Promise<ProcessExit>;
  hasExited(): boolean;
  /** The last lines the process wrote to stdout/stderr. */
  logTail(lines?: number): string;
  /** stopSignal, wait for exit, SIGKILL after stopTimeoutMs. Safe to call more than once. */
  stop(): Promise<void>;
  /** Sends a signal without waiting (default SIGKILL, e.g. to simulate a crash). */
  kill(signal?: NodeJS.Signals): void;
}

const OUTPUT_TAIL_CHARS = 16_384;

/**
 * Children that are still running. If this process exits without calling stop() (an exception, process.exit),
 * each gets its stopSignal from the 'exit' handler so it shuts down by itself instead of lingering.
 * Signals that kill this process never reach 'exit': callers must call stop() on SIGINT/SIGTERM themselves.
 */
const runningChildren = new Map<ChildProcess, NodeJS.Signals>();

function signalRunningChildrenOnExit(): void {
  for (const [child, stopSignal] of runningChildren) child.kill(stopSignal);
}

function track(child: ChildProcess, stopSignal: NodeJS.Signals): void {
  if (runningChildren.size === 0) process.on('exit', signalRunningChildrenOnExit);
  runningChildren.set(child, stopSignal);
}

function untrack(child: ChildProcess): void {
  runningChildren.delete(child);
  if (runningChildren.size === 0) process.off('exit', signalRunningChildrenOnExit);
}

export async function spawnManaged(options: SpawnManagedOptions): Promise<ManagedProcess> {
  const stopSignal = options.stopSignal ?? 'SIGTERM';
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;
  let logStream: WriteStream | undefined;
  if (options.logFile) {
    await mkdir(dirname(options.logFile), { recursive: true });
    logStream = createWriteStream(options.logFile, { flags: 'a' });
  }

  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    uid: options.uid,
    gid: options.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  // A missing or non-executable binary is reported asynchronously through 'error', never through 'exit'.
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) => {
      logStream?.end();
      reject(new Error(`Could not start ${options.name} (${options.command}): ${error.message}`, { cause: error }));
    });
  });
  const pid = child.pid as number;

  let output = '';
  const collect = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
    logStream?.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);

  track(child, stopSignal);
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => {
      untrack(child);
      resolve({ code, signal });
    });
  });
  // Grandchildren (e.g. PostgreSQL backends) may hold the pipes a little longer; close the log file after them.
  child.once('close', () => logStream?.end());

  const hasExited = (): boolean => child.exitCode !== null || child.signalCode !== null;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (hasExited()) return;
      child.kill(stopSignal);
      const exitedInTime = await settlesWithin(exited, stopTimeoutMs);
      if (!exitedInTime) {
        child.kill('SIGKILL');
        await exited;
      }
    })();
    return stopping;
  };

  return {
    name: options.name,
    pid,
    exited,
    hasExited,
    logTail: (lines = 30) => output.trimEnd().split('\n').slice(-lines).join('\n'),
    stop,
    kill: (signal = 'SIGKILL') => {
      if (!hasExited()) child.kill(signal);
    },
  };
}

/**
 * Polls `isReady` until it returns true. Fails early when the process exits, and after the timeout; both errors
 * carry the end of the process output, and on failure the process is stopped so nothing is left behind.
 */
export async function waitUntilReady(
  server: ManagedProcess,
  readiness: string,
  isReady: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.hasExited()) {
      const { code, signal } = await server.exited;
      throw new Error(
        `${server.name} exited (code ${code ?? '-'}, signal ${signal ?? '-'}) before ${readiness}. ` +
          `Last output:\n${server.logTail()}`,
      );
    }
    let ready: boolean;
    try {
      ready = await isReady();
    } catch (error) {
      await server.stop();
      throw error;
    }
    if (ready) return;
    if (Date.now() > deadline) {
      await server.stop();
      throw new Error(
        `${server.name} (pid ${server.pid}) was not ${readiness} after ${Math.round(timeoutMs / 1000)} s; stopped it. ` +
          `Last output:\n${server.logTail()}`,
      );
    }
    await delay(150);
  }
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
