import { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';

/**
 * The names of the fields a query selects at the end of `path` below the field being resolved (e.g.
 * `['hits', 'node']`): through inline fragments and fragment spreads, by field name whatever the alias, merged over
 * every place a path segment is selected; `__typename` left out. A path that is not selected gives an empty set.
 *
 * Directives and type conditions are not evaluated, so the answer is a superset of what is executed: callers use it
 * to load less, and loading a field too many is harmless.
 */
export function selectedFields(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>,
  path: readonly string[],
): Set<string> {
  let level: readonly FieldNode[] = info.fieldNodes;
  for (const name of path) {
    level = level.flatMap((node) => fieldsOf(node.selectionSet, info.fragments).filter((f) => f.name.value === name));
  }
  const names = level.flatMap((node) => fieldsOf(node.selectionSet, info.fragments).map((f) => f.name.value));
  return new Set(names.filter((name) => name !== '__typename'));
}

/** The fields of a selection set, fragments flattened (validation has rejected fragment cycles). */
function fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): FieldNode[] {
  if (!selectionSet) return [];
  return selectionSet.selections.flatMap((selection) => {
    switch (selection.kind) {
      case Kind.FIELD:
        return [selection];
      case Kind.INLINE_FRAGMENT:
        return fieldsOf(selection.selectionSet, fragments);
      case Kind.FRAGMENT_SPREAD:
        return fieldsOf(fragments[selection.name.value]?.selectionSet, fragments);
    }
  });
}
