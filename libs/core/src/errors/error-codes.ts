/** The codes clients see in `errors[].extensions.code`. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

/**
 * A failure the domain expects and the client can act on. Services throw these; the API maps them to GraphQL
 * errors with `extensions.code`, jobs log them. `details` is safe to show to the client.
 */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainException';
  }
}

export const unauthenticated = (message = 'Authentication required') =>
  new DomainException(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message = 'You are not allowed to do this', details?: Record<string, unknown>) =>
  new DomainException(ErrorCode.FORBIDDEN, message, details);
export const badInput = (message: string, details?: Record<string, unknown>) =>
  new DomainException(ErrorCode.BAD_USER_INPUT, message, details);
export const notFound = (what: string, id?: string) =>
  new DomainException(
    ErrorCode.NOT_FOUND,
    id ? `${what} ${id} not found` : `${what} not found`,
    id ? { id } : undefined,
  );
export const conflict = (message: string, details?: Record<string, unknown>) =>
  new DomainException(ErrorCode.CONFLICT, message, details);
