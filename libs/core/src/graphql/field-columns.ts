import 'reflect-metadata';
import { Type } from '@nestjs/common';
import { RESOLVER_NAME_METADATA, RESOLVER_PROPERTY_METADATA } from '@nestjs/graphql';
import type { DataSource, EntityTarget, FindOptionsSelect } from 'typeorm';

/** A property of an entity by name (the type cannot tell columns from relations: FieldColumnMap checks). */
export type EntityProperty<TEntity> = Extract<keyof TEntity, string>;

/**
 * For each field resolver of a GraphQL object backed by TEntity: the columns of its parent it reads, to resolve the
 * field and to decide whether the viewer may see it. `null`: not declared, so every column is loaded.
 */
export type FieldResolverColumns<TEntity> = Readonly<Record<string, readonly EntityProperty<TEntity>[] | null>>;

/** The GraphQL names of the fields `resolver` resolves with @ResolveField. */
export function fieldResolverNames(resolver: Type<unknown>): string[] {
  const names: string[] = [];
  for (let proto: object | null = resolver.prototype as object; proto && proto !== Object.prototype;) {
    for (const key of Object.getOwnPropertyNames(proto)) {
      const method: unknown = Object.getOwnPropertyDescriptor(proto, key)?.value;
      if (typeof method !== 'function' || Reflect.getMetadata(RESOLVER_PROPERTY_METADATA, method) !== true) continue;
      names.push((Reflect.getMetadata(RESOLVER_NAME_METADATA, method) as string | undefined) ?? key);
    }
    proto = Object.getPrototypeOf(proto) as object | null;
  }
  return names;
}

/**
 * The declared column dependencies of the field resolvers of `resolver`. Every field resolver of the class is in
 * the answer: one added without a declaration maps to `null` (every column) instead of, were it named like a
 * column, to that column alone without what its access check reads. A declaration of a field the class does not
 * resolve is a stale one, and throws.
 */
export function fieldResolverColumns<TEntity>(
  resolver: Type<unknown>,
  declared: Readonly<Record<string, readonly EntityProperty<TEntity>[]>>,
): FieldResolverColumns<TEntity> {
  const resolved = fieldResolverNames(resolver);
  const stale = Object.keys(declared).filter((field) => !resolved.includes(field));
  if (stale.length > 0) throw new Error(`${resolver.name} resolves no field ${stale.join(', ')}`);
  return Object.fromEntries(resolved.map((field) => [field, declared[field] ?? null]));
}

/**
 * How the GraphQL fields of an object map to the columns of the entity behind it, so a loader can read only the
 * columns a query needs: a field named like a column loads that column, a field resolver the columns it declares,
 * and the `required` columns (what the loader itself checks) are always loaded. Any other field cannot be
 * placed, and means every column.
 */
export class FieldColumnMap<TEntity> {
  private readonly known: ReadonlySet<string>;

  constructor(
    /** Every column by property name, in metadata order. */
    readonly columns: readonly EntityProperty<TEntity>[],
    private readonly fieldResolvers: FieldResolverColumns<TEntity>,
    private readonly required: readonly EntityProperty<TEntity>[],
  ) {
    this.known = new Set(columns);
    const referenced = [...required, ...Object.values(fieldResolvers).flatMap((dependencies) => dependencies ?? [])];
    const unknown = referenced.filter((column) => !this.known.has(column));
    if (unknown.length > 0) throw new Error(`Not columns: ${[...new Set(unknown)].join(', ')}`);
  }

  /** The map of an entity, its columns read from the TypeORM metadata. */
  static of<TEntity>(
    dataSource: DataSource,
    entity: EntityTarget<TEntity>,
    fieldResolvers: FieldResolverColumns<TEntity>,
    required: readonly EntityProperty<TEntity>[],
  ): FieldColumnMap<TEntity> {
    const columns = dataSource.getMetadata(entity).columns.map((column) => column.propertyName);
    return new FieldColumnMap(columns as Array<EntityProperty<TEntity>>, fieldResolvers, required);
  }

  /** The columns to load for these selected fields (required ones included); undefined: every column. */
  forFields(fields: Iterable<string>): Array<EntityProperty<TEntity>> | undefined {
    const wanted = new Set<string>(this.required);
    for (const field of fields) {
      const dependencies = Object.hasOwn(this.fieldResolvers, field)
        ? this.fieldResolvers[field]
        : this.known.has(field)
          ? [field]
          : null;
      if (!dependencies) return undefined;
      for (const column of dependencies) wanted.add(column);
    }
    return this.complete([...wanted]);
  }

  /** `columns` and the required ones, in metadata order; undefined (or every column) stays undefined. */
  complete(columns: readonly string[] | undefined): Array<EntityProperty<TEntity>> | undefined {
    if (!columns) return undefined;
    const unknown = columns.filter((column) => !this.known.has(column));
    if (unknown.length > 0) throw new Error(`Not columns: ${unknown.join(', ')}`);
    const wanted = new Set([...this.required, ...columns]);
    return wanted.size === this.columns.length ? undefined : this.columns.filter((column) => wanted.has(column));
  }
}

/** TypeORM's `select` for these columns; undefined (every column) stays undefined. */
export function selectColumns<TEntity>(
  columns: readonly EntityProperty<TEntity>[] | undefined,
): FindOptionsSelect<TEntity> | undefined {
  return columns && (Object.fromEntries(columns.map((column) => [column, true])) as FindOptionsSelect<TEntity>);
}
