import { LoggerService } from '@nestjs/common';
import pino, { DestinationStream, Logger } from 'pino';
import { currentRequestId } from './request-context';

/** Keys whose values never reach the logs, at any depth: passwords, tokens, keys, signatures, session headers. */
const SENSITIVE_KEY =
  /pass(word|phrase)?$|secret|token|authorization|cookie|api[-_]?key|(^|_)key$|signature|credential/i;
const REDACTED = '[redacted]';
const MAX_DEPTH = 12;

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/**
 * A copy of `value` with every sensitive key's value replaced, in plain objects and arrays at any depth (pino's
 * own `redact` takes fixed paths, one wildcard level deep). Class instances (errors, requests) are left to their
 * serializers.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (depth > MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.map((item) => redactSecrets(item, depth + 1));
  if (!isPlain(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [
      key,
      SENSITIVE_KEY.test(key) ? REDACTED : redactSecrets(item, depth + 1),
    ]),
  );
}

/** A URL with the values of sensitive query parameters (`?token=…`) replaced. */
export function redactUrl(url: string | undefined): string | undefined {
  if (!url) return url;
  return url.replace(/([?&])([^=&#]+)=([^&#]*)/g, (match, separator: string, name: string) =>
    SENSITIVE_KEY.test(decodeURIComponent(name)) ? `${separator}${name}=${REDACTED}` : match,
  );
}

/** What pino-http's request log keeps of a request (after its standard serializer), secrets removed. */
export function requestLogSerializer(req: {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
  remoteAddress?: string;
}): Record<string, unknown> {
  return {
    id: req.id,
    method: req.method,
    url: redactUrl(req.url),
    headers: redactSecrets({ ...req.headers }),
    remoteAddress: req.remoteAddress,
  };
}

export function createPinoLogger(level: string, name: string, destination?: DestinationStream): Logger {
  return pino(
    {
      name,
      level,
      formatters: { log: (object) => redactSecrets(object) as Record<string, unknown> },
      serializers: { err: pino.stdSerializers.err },
      // Every line written while a request (or a job it caused) is handled names that request.
      mixin: () => {
        const requestId = currentRequestId();
        return requestId ? { requestId } : {};
      },
    },
    destination,
  );
}

/**
 * Nest's LoggerService on top of pino: structured JSON lines for the framework's own messages too.
 * (nestjs-pino needs Node 22 in every release that supports Nest 12, so this thin adapter stands in for it.)
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[]): void {
    // Nest passes the context (a class name) last, and for errors a stack before it.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const stack = rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    if (message instanceof Error) {
      this.logger[level]({ context, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ context, ...message });
    } else {
      this.logger[level]({ context, stack }, String(message));
    }
  }
}
