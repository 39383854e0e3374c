import { HttpException, Logger } from '@nestjs/common';
import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainException, ErrorCode, renderMessage } from '@app/core';

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
  const original = unwrapResolverError(error);
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
