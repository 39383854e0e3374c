import {
  ASTVisitor,
  FragmentDefinitionNode,
  GraphQLError,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  ValidationContext,
} from 'graphql';

/**
 * Limits on the shape of a document, checked during validation (HTTP 400, GRAPHQL_VALIDATION_FAILED) before any
 * cost is computed. Unlike graphql-depth-limit, they survive fragment cycles and unknown fragments (graphql-js
 * reports those itself; these rules must not crash on them while it does).
 */

/** The deepest chain of fields below `selectionSet`, not counting introspection (`__schema` etc.). */
function depthOf(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  onPath: Set<string>,
  budget: number,
  memo = new Map<SelectionSetNode, Map<number, number>>(),
): number {
  // Fragments spread many times would otherwise be walked exponentially often.
  const known = memo.get(selectionSet)?.get(budget);
  if (known !== undefined) return known;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith('__') || !selection.selectionSet) continue;
      // Stop counting past the budget: the answer is already "too deep" and cycles through fields end here.
      depth = budget <= 0 ? 1 : 1 + depthOf(selection.selectionSet, fragments, onPath, budget - 1, memo);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = depthOf(selection.selectionSet, fragments, onPath, budget, memo);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || onPath.has(name)) continue;
      onPath.add(name);
      depth = depthOf(fragment.selectionSet, fragments, onPath, budget, memo);
      onPath.delete(name);
    }
    deepest = Math.max(deepest, depth);
  }
  if (!memo.has(selectionSet)) memo.set(selectionSet, new Map());
  memo.get(selectionSet)!.set(budget, deepest);
  return deepest;
}

/** The fields an operation selects at its root and the aliases it uses anywhere, fragments expanded once each. */
function countFields(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): { rootFields: number; aliases: number } {
  let aliases = 0;
  let rootFields = 0;
  const seen = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, atRoot: boolean): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases++;
        if (atRoot && !selection.name.value.startsWith('__')) rootFields++;
        if (selection.selectionSet) walk(selection.selectionSet, false);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, atRoot);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        // Each fragment is counted once, wherever it is spread (a cycle, which graphql-js reports, ends here).
        if (!fragment || seen.has(name)) continue;
        seen.add(name);
        walk(fragment.selectionSet, atRoot);
      }
    }
  };
  walk(operation.selectionSet, true);
  return { rootFields, aliases };
}

export interface DocumentLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
}

export function documentLimitsRule(limits: DocumentLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    return {
      OperationDefinition(operation) {
        const name = operation.name?.value ?? '';
        if (depthOf(operation.selectionSet, fragments, new Set(), limits.maxDepth + 1) > limits.maxDepth) {
          context.reportError(
            new GraphQLError(`'${name}' exceeds maximum operation depth of ${limits.maxDepth}`, {
              nodes: [operation],
            }),
          );
        }
        const { rootFields, aliases } = countFields(operation, fragments);
        if (aliases > limits.maxAliases) {
          context.reportError(
            new GraphQLError(`'${name}' uses ${aliases} aliases; at most ${limits.maxAliases} are allowed`, {
              nodes: [operation],
            }),
          );
        }
        if (rootFields > limits.maxRootFields) {
          context.reportError(
            new GraphQLError(
              `'${name}' selects ${rootFields} root fields; at most ${limits.maxRootFields} are allowed`,
              { nodes: [operation] },
            ),
          );
        }
        return false;
      },
    };
  };
}
