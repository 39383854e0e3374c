import { CombinedGraphQLErrors } from '@apollo/client/errors';

/** What the API says went wrong: its stable code and reason, a message in the UI's language, and per-field problems. */
export interface ApiProblem {
  code: string | null;
  reason: string | null;
  message: string;
  /** Field name (last path segment, e.g. `email`) → messages. */
  fields: Record<string, string[]>;
}

interface FieldProblem {
  field?: unknown;
  problems?: unknown;
}

export function describeApiError(error: unknown): ApiProblem {
  if (CombinedGraphQLErrors.is(error) && error.errors.length > 0) {
    const first = error.errors[0];
    const extensions = (first.extensions ?? {}) as Record<string, unknown>;
    const fields: Record<string, string[]> = {};
    const add = (field: string, message: string) => {
      const key = field.split('.').pop() ?? field;
      (fields[key] ??= []).push(message);
    };
    if (Array.isArray(extensions.fields)) {
      for (const entry of extensions.fields as FieldProblem[]) {
        if (typeof entry.field !== 'string') continue;
        const problems = Array.isArray(entry.problems) ? entry.problems.filter((p) => typeof p === 'string') : [];
        for (const problem of problems.length ? problems : [first.message]) add(entry.field, problem);
      }
    } else if (typeof extensions.field === 'string') {
      add(extensions.field, first.message);
    }
    return {
      code: typeof extensions.code === 'string' ? extensions.code : null,
      reason: typeof extensions.reason === 'string' ? extensions.reason : null,
      message: first.message,
      fields,
    };
  }
  return { code: null, reason: null, message: error instanceof Error ? error.message : String(error), fields: {} };
}

/** antd Form's `setFields` input from an API error: the problems land next to their fields. */
export function formFieldErrors<Name extends string>(
  problem: ApiProblem,
  known: readonly Name[],
): { name: Name; errors: string[] }[] {
  return Object.entries(problem.fields)
    .filter((entry): entry is [Name, string[]] => (known as readonly string[]).includes(entry[0]))
    .map(([name, errors]) => ({ name, errors }));
}
