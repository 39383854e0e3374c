import { FilterName, IndexDefinition, SearchFilters } from './index-definitions';

/** A filter value the builder refuses; the API answers BAD_USER_INPUT naming the field. */
export class SearchInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'SearchInputError';
  }
}

const MAX_VALUES_PER_FILTER = 50;
const MAX_STRING_LENGTH = 100;
// Control characters have no business in a filter value and some parsers treat them specially.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * A Meilisearch string literal: the value between double quotes, with backslash and double quote escaped, so
 * whatever it contains stays one value (`x" OR status = "DRAFT` cannot close the quote).
 */
export function quoteFilterValue(field: string, value: string): string {
  if (typeof value !== 'string') throw new SearchInputError(field, `${field} must be a string`);
  if (value.length === 0 || value.length > MAX_STRING_LENGTH) {
    throw new SearchInputError(field, `${field} values must be 1 to ${MAX_STRING_LENGTH} characters`);
  }
  if (CONTROL_CHARACTERS.test(value)) throw new SearchInputError(field, `${field} must not contain control characters`);
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function finiteNumber(field: string, value: number, integer = false): string {
  if (typeof value !== 'number' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw new SearchInputError(field, `${field} must be a finite ${integer ? 'integer' : 'number'}`);
  }
  return String(value);
}

function attributeFor(definition: IndexDefinition, field: FilterName): string {
  const attribute = definition.filters[field];
  if (!attribute) {
    throw new SearchInputError(`filter.${field}`, `filter.${field} does not apply to ${definition.baseName}`);
  }
  return attribute;
}

function oneOf(definition: IndexDefinition, field: FilterName, values: readonly string[]): string {
  const attribute = attributeFor(definition, field);
  if (!Array.isArray(values) || values.length === 0 || values.length > MAX_VALUES_PER_FILTER) {
    throw new SearchInputError(`filter.${field}`, `filter.${field} takes 1 to ${MAX_VALUES_PER_FILTER} values`);
  }
  const quoted = (values as readonly unknown[]).map((value) => quoteFilterValue(`filter.${field}`, value as string));
  return `${attribute} IN [${quoted.join(', ')}]`;
}

function range(
  definition: IndexDefinition,
  minField: FilterName,
  maxField: FilterName,
  min: number | undefined,
  max: number | undefined,
  integer: boolean,
): string[] {
  const clauses: string[] = [];
  if (min !== undefined)
    clauses.push(`${attributeFor(definition, minField)} >= ${finiteNumber(`filter.${minField}`, min, integer)}`);
  if (max !== undefined)
    clauses.push(`${attributeFor(definition, maxField)} <= ${finiteNumber(`filter.${maxField}`, max, integer)}`);
  if (min !== undefined && max !== undefined && min > max) {
    throw new SearchInputError(`filter.${minField}`, `filter.${minField} must not exceed filter.${maxField}`);
  }
  return clauses;
}

/**
 * Turns typed filters into Meilisearch filter clauses (ANDed). Attribute names come from the index definition,
 * never from the client; every string is quoted and escaped and every number checked to be finite.
 */
export function buildFilter(definition: IndexDefinition, filters: SearchFilters | undefined): string[] {
  if (!filters) return [];
  const clauses: string[] = [];
  if (filters.industryCodes?.length) clauses.push(oneOf(definition, 'industryCodes', filters.industryCodes));
  if (filters.ipTypes?.length) clauses.push(oneOf(definition, 'ipTypes', filters.ipTypes));
  if (filters.transferModes?.length) clauses.push(oneOf(definition, 'transferModes', filters.transferModes));
  if (filters.regions?.length) clauses.push(oneOf(definition, 'regions', filters.regions));
  if (filters.demandKinds?.length) clauses.push(oneOf(definition, 'demandKinds', filters.demandKinds));
  if (filters.institutionId !== undefined) {
    clauses.push(
      `${attributeFor(definition, 'institutionId')} = ${quoteFilterValue('filter.institutionId', filters.institutionId)}`,
    );
  }
  if (filters.language !== undefined) {
    clauses.push(`${attributeFor(definition, 'language')} = ${quoteFilterValue('filter.language', filters.language)}`);
  }
  clauses.push(...range(definition, 'trlMin', 'trlMax', filters.trlMin, filters.trlMax, true));
  clauses.push(...range(definition, 'priceMin', 'priceMax', filters.priceMin, filters.priceMax, false));
  if (filters.updatedSince !== undefined) {
    const time = filters.updatedSince instanceof Date ? filters.updatedSince.getTime() : Number.NaN;
    clauses.push(`${attributeFor(definition, 'updatedSince')} >= ${finiteNumber('filter.updatedSince', time, true)}`);
  }
  return clauses;
}

/** Only filters that apply to this index (for the federated search, where one filter set spans all three). */
export function applicableFilters(definition: IndexDefinition, filters: SearchFilters | undefined): SearchFilters {
  if (!filters) return {};
  const applicable: SearchFilters = Object.fromEntries(
    Object.entries(filters).filter(([name, value]) => value !== undefined && definition.filters[name as FilterName]),
  );
  return applicable;
}

/** Facet names are checked against the definition's allow-list; the attribute behind each comes from it. */
export function facetAttributes(
  definition: IndexDefinition,
  facets: readonly string[] | undefined,
): Map<string, string> {
  const result = new Map<string, string>();
  for (const facet of facets ?? []) {
    const attribute = definition.facets[facet];
    if (!attribute) {
      throw new SearchInputError(
        'facets',
        `Unknown facet "${facet.slice(0, 40)}" for ${definition.baseName}; allowed: ${Object.keys(definition.facets).join(', ')}`,
      );
    }
    result.set(facet, attribute);
  }
  return result;
}
