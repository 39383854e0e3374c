import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ERROR_REASONS, ErrorReason, fail } from '@app/core';

interface FieldProblem {
  field: string;
  problems: string[];
  /** The first reason a failed constraint names in its context (`@IsNotBlank`, the registration-number format). */
  reason?: ErrorReason;
}

function reasonOf(error: ValidationError): ErrorReason | undefined {
  for (const context of Object.values(error.contexts ?? {})) {
    const reason = (context as { reason?: unknown } | undefined)?.reason;
    if (typeof reason === 'string' && reason in ERROR_REASONS) return reason as ErrorReason;
  }
  return undefined;
}

function flatten(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, problems: Object.values(error.constraints), reason: reasonOf(error) }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * class-validator on every input; failures become BAD_USER_INPUT naming each field and what is wrong. A failure
 * whose constraint names a reason (a blank title, a malformed registration number) travels under that reason, with
 * its zh/en message; the other fields' problems are kept in `fields`.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => {
      const problems = flatten(errors);
      const fields = problems.map(({ field, problems: what }) => ({ field, problems: what }));
      const summary = fields.map((f) => `${f.field}: ${f.problems.join(', ')}`).join('; ');
      const reasoned = problems.find((f) => f.reason);
      if (reasoned?.reason) return fail(reasoned.reason, { field: reasoned.field, summary, fields });
      return fail('INVALID_FIELDS', { summary, fields });
    },
  });
}
