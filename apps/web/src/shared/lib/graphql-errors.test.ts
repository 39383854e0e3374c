import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { describeApiError, formFieldErrors } from './graphql-errors';

const apiError = (errors: { message: string; extensions?: Record<string, unknown> }[]) =>
  new CombinedGraphQLErrors({ data: null, errors });

describe('describeApiError', () => {
  it('reads the validation errors per field (the last path segment)', () => {
    const problem = describeApiError(
      apiError([
        {
          message: '输入有误',
          extensions: {
            code: 'BAD_USER_INPUT',
            reason: 'INVALID_FIELDS',
            fields: [
              { field: 'input.email', problems: ['email must be a valid email address'] },
              { field: 'newOrganisation.name', problems: ['name must not be empty', 'too long'] },
            ],
          },
        },
      ]),
    );
    expect(problem).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_FIELDS',
      message: '输入有误',
      fields: { email: ['email must be a valid email address'], name: ['name must not be empty', 'too long'] },
    });
  });

  it('puts a domain error naming one field under that field, in the message’s language', () => {
    const problem = describeApiError(
      apiError([
        {
          message: '密码至少需要 10 个字符',
          extensions: { code: 'BAD_USER_INPUT', reason: 'PASSWORD_TOO_SHORT', field: 'password' },
        },
      ]),
    );
    expect(problem.fields).toEqual({ password: ['密码至少需要 10 个字符'] });
    expect(formFieldErrors(problem, ['email', 'password'] as const)).toEqual([
      { name: 'password', errors: ['密码至少需要 10 个字符'] },
    ]);
    expect(formFieldErrors(problem, ['email'] as const)).toEqual([]);
  });

  it('keeps errors without fields as a message, and network errors too', () => {
    expect(describeApiError(apiError([{ message: 'Not found', extensions: { code: 'NOT_FOUND' } }]))).toMatchObject({
      code: 'NOT_FOUND',
      fields: {},
    });
    expect(describeApiError(new Error('Failed to fetch'))).toEqual({
      code: null,
      reason: null,
      message: 'Failed to fetch',
      fields: {},
    });
  });
});
