import {
  AchievementRecord,
  COOPERATION_MODES,
  DatasetFile,
  DatasetRecords,
  DemandRecord,
  ExpertRecord,
  IP_TYPES,
  LineError,
  RIGHTS_STATUSES,
  TRANSFER_MODES,
  ValidatedFile,
  ValidatedLine,
} from './dataset-records';
import { detectLanguage } from './language';

/**
 * Maps free industry text (code, 中文名 or English name) to a taxonomy code, or null when unknown.
 * The import service passes TaxonomyService.resolveIndustry; tests pass a table.
 */
export type IndustryResolver = (text: string) => string | null | Promise<string | null>;

/** Limits in characters (code points). Generous for real catalogues, tight enough to stop garbage. */
export const LIMITS = {
  lineChars: 200_000,
  id: 100,
  title: 300,
  summary: 10_000,
  description: 10_000,
  name: 100,
  bio: 5_000,
  expertTitle: 100,
  organisation: 200,
  region: 100,
  industry: 100,
  listItems: 30,
  listItemChars: 50,
  /** 1000 亿元: anything above is a unit mistake. */
  wan: 10_000_000,
} as const;

/**
 * Validates one line of a dataset file. Returns the typed record (with warnings), or the reason the line is
 * skipped. All problems of a line are reported together, each naming its field.
 * Unknown fields are ignored. An unknown industry keeps the record (industry null) with a warning: the rest of
 * the listing is still worth importing, and the industry can be corrected later.
 */
export async function validateLine<F extends DatasetFile>(
  file: F,
  text: string,
  line: number,
  resolveIndustry: IndustryResolver,
): Promise<ValidatedLine<DatasetRecords[F]> | LineError> {
  if ([...text].length > LIMITS.lineChars)
    return { line, reason: `line is longer than ${LIMITS.lineChars} characters` };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { line, reason: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { line, reason: `a line must be a JSON object, got ${describe(json)}` };
  }
  const reader = new FieldReader(json as Record<string, unknown>);
  const record = await READERS[file](reader, resolveIndustry);
  if (reader.problems.length > 0) return { line, reason: reader.problems.join('; ') };
  return { line, record: record, warnings: reader.warnings };
}

/**
 * Validates a whole file's content: blank lines are ignored (they carry no record), a leading BOM is dropped,
 * and an id repeated in the same file is an error on the later line.
 */
export async function validateFile<F extends DatasetFile>(
  file: F,
  content: string,
  resolveIndustry: IndustryResolver,
): Promise<ValidatedFile<DatasetRecords[F]>> {
  const result: ValidatedFile<DatasetRecords[F]> = { records: [], errors: [] };
  const firstLineOfId = new Map<string, number>();
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, text] of lines.entries()) {
    if (text.trim() === '') continue;
    const line = index + 1;
    const validated = await validateLine(file, text, line, resolveIndustry);
    if (!('record' in validated)) {
      result.errors.push(validated);
      continue;
    }
    const first = firstLineOfId.get(validated.record.externalId);
    if (first !== undefined) {
      result.errors.push({
        line,
        reason: `id: duplicate id "${validated.record.externalId}" (first on line ${first})`,
      });
      continue;
    }
    firstLineOfId.set(validated.record.externalId, line);
    result.records.push(validated);
  }
  return result;
}

export function isLineError(value: ValidatedLine<unknown> | LineError): value is LineError {
  return !('record' in value);
}

const READERS: { [F in DatasetFile]: (r: FieldReader, resolve: IndustryResolver) => Promise<DatasetRecords[F]> } = {
  async achievements(r, resolve): Promise<AchievementRecord> {
    const externalId = r.id();
    const title = r.requiredString('title', LIMITS.title);
    const summary = r.requiredString('summary', LIMITS.summary);
    return {
      externalId,
      title,
      summary,
      keywords: r.stringList('keywords'),
      industryCode: await r.industry(resolve),
      trl: r.integer('trl', 1, 9),
      ipType: r.oneOf('ipType', IP_TYPES),
      transferModes: r.listOf('transferModes', TRANSFER_MODES),
      institution: r.optionalString('institution', LIMITS.organisation),
      region: r.optionalString('region', LIMITS.region),
      askingPriceWan: r.wan('askingPriceWan'),
      rightsStatus: r.oneOf('rightsStatus', RIGHTS_STATUSES),
      language: detectLanguage(title, summary),
    };
  },

  async experts(r): Promise<ExpertRecord> {
    const externalId = r.id();
    const name = r.requiredString('name', LIMITS.name);
    const bio = r.requiredString('bio', LIMITS.bio);
    const fields = r.stringList('fields');
    return {
      externalId,
      name,
      bio,
      title: r.optionalString('title', LIMITS.expertTitle),
      institution: r.optionalString('institution', LIMITS.organisation),
      fields,
      region: r.optionalString('region', LIMITS.region),
      // The name is left out: an English bio of a Chinese-named expert is an English profile.
      language: detectLanguage(bio, fields.join(' ')),
    };
  },

  async demands(r, resolve): Promise<DemandRecord> {
    const externalId = r.id();
    const title = r.requiredString('title', LIMITS.title);
    const description = r.optionalString('description', LIMITS.description);
    return {
      externalId,
      title,
      description,
      industryCode: await r.industry(resolve),
      budgetWan: r.wan('budgetWan'),
      region: r.optionalString('region', LIMITS.region),
      cooperationModes: r.listOf('cooperationModes', COOPERATION_MODES),
      enterprise:
        r.optionalString('enterprise', LIMITS.organisation) ?? r.optionalString('institution', LIMITS.organisation),
      language: detectLanguage(title, description),
    };
  },
};

/** Reads typed fields from a parsed line, collecting every problem instead of stopping at the first. */
class FieldReader {
  readonly problems: string[] = [];
  readonly warnings: string[] = [];

  constructor(private readonly json: Record<string, unknown>) {}

  /** Ids may be written as strings or integers; either way they are kept as text (the external key). */
  id(): string {
    const value = this.json.id;
    if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
    const id = this.requiredString('id', LIMITS.id);
    if (id && /[\u0000-\u001f\u007f]/.test(id)) this.problems.push('id: must not contain control characters');
    return id;
  }

  requiredString(field: string, maxChars: number): string {
    const value = this.json[field];
    if (value === undefined || value === null) {
      this.problems.push(`${field}: is required`);
      return '';
    }
    const text = this.string(field, value, maxChars);
    if (text === '') this.problems.push(`${field}: must not be empty`);
    return text ?? '';
  }

  /** Absent, null and blank all mean "not given". */
  optionalString(field: string, maxChars: number): string | null {
    const value = this.json[field];
    if (value === undefined || value === null) return null;
    return this.string(field, value, maxChars) || null;
  }

  stringList(field: string): string[] {
    const value = this.json[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.problems.push(`${field}: must be an array of strings, got ${describe(value)}`);
      return [];
    }
    if (value.length > LIMITS.listItems) {
      this.problems.push(`${field}: at most ${LIMITS.listItems} items, got ${value.length}`);
      return [];
    }
    const items: string[] = [];
    for (const [index, item] of value.entries()) {
      const text = this.string(`${field}[${index}]`, item, LIMITS.listItemChars);
      if (text && !items.includes(text)) items.push(text);
    }
    return items;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | null {
    const value = this.json[field];
    if (value === undefined || value === null || value === '') return null;
    const text = typeof value === 'string' ? value.trim() : value;
    if (typeof text === 'string' && (allowed as readonly string[]).includes(text)) return text as T;
    this.problems.push(`${field}: must be one of ${allowed.join(', ')}, got ${describe(value)}`);
    return null;
  }

  listOf<T extends string>(field: string, allowed: readonly T[]): T[] {
    const value = this.json[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.problems.push(`${field}: must be an array of ${allowed.join(', ')}, got ${describe(value)}`);
      return [];
    }
    const items: T[] = [];
    for (const item of value as unknown[]) {
      const text = typeof item === 'string' ? item.trim() : item;
      if (typeof text !== 'string' || !(allowed as readonly string[]).includes(text)) {
        this.problems.push(`${field}: must contain only ${allowed.join(', ')}, got ${describe(item)}`);
        return [];
      }
      if (!items.includes(text as T)) items.push(text as T);
    }
    return items;
  }

  integer(field: string, min: number, max: number): number | null {
    const value = this.json[field];
    if (value === undefined || value === null) return null;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${field}: must be an integer from ${min} to ${max}, got ${describe(value)}`);
      return null;
    }
    return value;
  }

  /** An amount in 万元: a number ≥ 0, or null / "面议" for negotiable. */
  wan(field: string): number | null {
    const value = this.json[field];
    if (value === undefined || value === null || value === '面议') return null;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > LIMITS.wan) {
      this.problems.push(
        `${field}: must be a number of 万元 from 0 to ${LIMITS.wan}, or null for 面议, got ${describe(value)}`,
      );
      return null;
    }
    return value;
  }

  async industry(resolve: IndustryResolver): Promise<string | null> {
    const text = this.optionalString('industry', LIMITS.industry);
    if (text === null) return null;
    const code = await resolve(text);
    if (code === null) this.warnings.push(`industry: unknown industry "${text}", imported without an industry`);
    return code;
  }

  private string(field: string, value: unknown, maxChars: number): string | null {
    if (typeof value !== 'string') {
      this.problems.push(`${field}: must be a string, got ${describe(value)}`);
      return null;
    }
    const text = value.trim();
    const length = [...text].length;
    if (length > maxChars) {
      this.problems.push(`${field}: at most ${maxChars} characters, got ${length}`);
      return null;
    }
    return text;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return `${typeof value} ${value}`;
  return typeof value;
}
