import { HttpException, Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { QueryFailedError } from 'typeorm';
import { DomainException, ErrorCode, fail, renderMessage } from '@app/core';

const logger = new Logger('GraphQL');

/** The exception behind each formatted domain error, for the language plugin to render it in the viewer's language. */
export const DOMAIN_ERRORS = new WeakMap<GraphQLFormattedError, DomainException>();

/** Codes Apollo and graphql-js produce for a malformed request: safe to pass through as they are. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const HTTP_STATUS_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BAD_USER_INPUT,
  401: ErrorCode.UNAUTHENTICATED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
};

/**
 * Every error leaves the API with a code from ErrorCode (or a graphql-js request error code), a message meant
 * for the client, and nothing else: no stack trace, no SQL, no internal class names. Unexpected errors are
 * logged in full and reach the client only as INTERNAL_SERVER_ERROR.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = fromDatabase(unwrapResolverError(error));
  const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

  if (original instanceof DomainException) {
    const problems = original.problems.length
      ? {
          problems: original.problems.map((problem) => renderMessage(problem.reason, 'en', problem.params ?? {})),
          problemReasons: original.problems.map((problem) => problem.reason),
        }
      : {};
    const domainError = {
      ...base,
      message: original.message,
      extensions: { ...original.details, ...problems, code: original.code, reason: original.reason },
    };
    DOMAIN_ERRORS.set(domainError, original);
    return domainError;
  }
  if (original instanceof HttpException) {
    const status = original.getStatus();
    const code = HTTP_STATUS_CODES[status];
    if (code) return { ...base, message: original.message, extensions: { code } };
  }
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && REQUEST_ERROR_CODES.has(code)) {
    return { ...base, extensions: { code } };
  }
  logger.error({ err: original, path: formatted.path }, 'Unexpected error while resolving a GraphQL request');
  return { ...base, message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

/**
 * Database refusals caused by what the client sent, as typed errors: a value PostgreSQL cannot store (class 22:
 * out of range, malformed) and a reference to a row that does not exist (a foreign key, e.g. an unknown industry
 * code). Anything else stays unexpected.
 */
function fromDatabase(error: unknown): unknown {
  if (!(error instanceof QueryFailedError)) return error;
  const driverError = error.driverError as { code?: unknown; detail?: string } | undefined;
  const sqlState = typeof driverError?.code === 'string' ? driverError.code : '';
  if (sqlState.startsWith('22')) return fail('UNSTORABLE_VALUE');
  if (sqlState === '23503') {
    // "Key (industry_code)=(xyz) is not present in table ..."
    const missing = /^Key \(([a-z_]+)\)=\((.*)\) is not present/.exec(driverError?.detail ?? '');
    if (!missing) return error;
    const [, column, value] = missing;
    const field = column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
    return field === 'industryCode'
      ? fail('UNKNOWN_INDUSTRY', { field, industry: value })
      : fail('UNKNOWN_REFERENCE', { field });
  }
  return error;
}
