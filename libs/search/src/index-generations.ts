/** The index holding one document per kind with the generation of its last full reindex. */
export function generationsIndexUid(prefix: string): string {
  return `${prefix}index_generations`;
}
