import {
  ASTVisitor,
  getNamedType,
  GraphQLError,
  GraphQLID,
  GraphQLInputType,
  isInputObjectType,
  isListType,
  isNonNullType,
  OperationDefinitionNode,
  typeFromAST,
  GraphQLSchema,
  ValidationContext,
  ValueNode,
  isInputType,
} from 'graphql';

/**
 * Every record here is keyed by a UUID, so an ID argument that is not one is refused while the request is checked
 * (GRAPHQL_VALIDATION_FAILED for a literal, BAD_USER_INPUT for a variable, both HTTP 400) instead of reaching
 * PostgreSQL as an invalid uuid. graphql-js will not let a schema replace its built-in ID scalar, hence a rule and
 * a variable check rather than a scalar.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}

function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Text no column or index can hold: NUL characters and lone UTF-16 surrogates (ill-formed Unicode). */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const UNSTORABLE_TEXT = 'text must be well-formed Unicode without NUL characters';

/**
 * Literal ID arguments and input fields (`achievement(id: "abc")`) must be UUIDs, and literal strings storable
 * text.
 */
export function inputLiteralsRule(context: ValidationContext): ASTVisitor {
  const checkId = (node: ValueNode & { value: string }) => {
    const type = context.getInputType();
    if (type && getNamedType(type).name === GraphQLID.name && !isUuid(node.value)) {
      context.reportError(new GraphQLError(`ID must be a UUID; got ${shown(node.value)}`, { nodes: node }));
    }
  };
  return {
    IntValue: checkId,
    StringValue(node) {
      if (!isStorableText(node.value)) context.reportError(new GraphQLError(UNSTORABLE_TEXT, { nodes: node }));
      else checkId(node);
    },
  };
}

/** The path of the first string anywhere in `value` that is not storable text. */
function unstorableText(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return isStorableText(value) ? undefined : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = unstorableText(item, `${path}[${index}]`);
      if (found) return found;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableText(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** The first ID inside `value` (of `type`) that is not a UUID, with where it is. */
function invalidId(type: GraphQLInputType, value: unknown, path: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (isNonNullType(type)) return invalidId(type.ofType, value, path);
  if (isListType(type)) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    for (const [index, item] of items.entries()) {
      const found = invalidId(type.ofType, item, `${path}[${index}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (isInputObjectType(type)) {
    if (typeof value !== 'object') return undefined;
    for (const field of Object.values(type.getFields())) {
      const found = invalidId(field.type, (value as Record<string, unknown>)[field.name], `${path}.${field.name}`);
      if (found) return found;
    }
    return undefined;
  }
  return type.name === GraphQLID.name && !isUuid(value) ? `${path} must be a UUID; got ${shown(value)}` : undefined;
}

/**
 * A BAD_USER_INPUT error (HTTP 400) for the first variable holding unstorable text or an ID that is not a UUID,
 * if any.
 */
export function invalidVariable(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): GraphQLError | undefined {
  for (const definition of operation.variableDefinitions ?? []) {
    const type = typeFromAST(schema, definition.type);
    if (!type || !isInputType(type)) continue;
    const name = definition.variable.name.value;
    const textPath = unstorableText(variables?.[name], `$${name}`);
    const problem = textPath ? `${textPath}: ${UNSTORABLE_TEXT}` : invalidId(type, variables?.[name], `$${name}`);
    if (problem) {
      return new GraphQLError(`Variable ${problem}`, {
        nodes: definition,
        extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
      });
    }
  }
  return undefined;
}
