import { Field, ObjectType, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { FieldColumnMap, fieldResolverColumns, fieldResolverNames, selectColumns } from './field-columns';

interface Row {
  id: string;
  title: string;
  secret: string;
  ownerId: string;
  status: string;
  industryCode: string;
  createdAt: Date;
  industry?: unknown;
}
const COLUMNS = ['id', 'title', 'secret', 'ownerId', 'status', 'industryCode', 'createdAt'] as const;

@ObjectType('FieldColumnsSpecRow')
class RowObject {
  @Field() id: string;
  @Field() title: string;
}

@Resolver(() => RowObject)
class RowResolver {
  @ResolveField(() => String, { nullable: true })
  secret(@Parent() row: Row) {
    return row.ownerId === 'me' ? row.secret : null;
  }

  @ResolveField(() => String, { name: 'industryName', nullable: true })
  industryOf(@Parent() row: Row) {
    return row.industryCode;
  }

  @ResolveField(() => String)
  createdAt(@Parent() row: Row) {
    return row.createdAt.toISOString();
  }

  helper(): string {
    return 'not a field';
  }
}

describe('fieldResolverNames and fieldResolverColumns', () => {
  it('finds the @ResolveField methods of a resolver by their GraphQL names', () => {
    expect(fieldResolverNames(RowResolver).sort()).toEqual(['createdAt', 'industryName', 'secret']);
  });

  it('maps every field resolver: declared ones to their columns, undeclared ones to null', () => {
    expect(
      fieldResolverColumns<Row>(RowResolver, { secret: ['secret', 'ownerId'], industryName: ['industryCode'] }),
    ).toEqual({ secret: ['secret', 'ownerId'], industryName: ['industryCode'], createdAt: null });
  });

  it('refuses a declaration of a field the resolver does not resolve', () => {
    expect(() => fieldResolverColumns<Row>(RowResolver, { title: ['title'] })).toThrow(
      /RowResolver resolves no field title/,
    );
  });
});

describe('FieldColumnMap', () => {
  const fieldResolvers = fieldResolverColumns<Row>(RowResolver, {
    secret: ['secret', 'ownerId', 'status'],
    industryName: ['industryCode'],
  });
  const map = new FieldColumnMap<Row>([...COLUMNS], fieldResolvers, ['id', 'status']);

  it('loads the selected columns and the required ones, in metadata order', () => {
    expect(map.forFields(['title'])).toEqual(['id', 'title', 'status']);
    expect(map.forFields([])).toEqual(['id', 'status']);
  });

  it('loads what a field resolver declares, not a column of its name alone', () => {
    expect(map.forFields(['secret'])).toEqual(['id', 'secret', 'ownerId', 'status']);
    expect(map.forFields(['industryName', 'title'])).toEqual(['id', 'title', 'status', 'industryCode']);
  });

  it('loads every column (undefined) for a field it cannot place, or an undeclared field resolver', () => {
    expect(map.forFields(['title', 'somethingNew'])).toBeUndefined();
    // Named like a column, but resolved by a method that declared nothing.
    expect(map.forFields(['title', 'createdAt'])).toBeUndefined();
  });

  it('lists the columns while one is left out, and answers every column (undefined) once none is', () => {
    expect(map.forFields(['title', 'secret', 'industryName'])).toEqual([
      'id',
      'title',
      'secret',
      'ownerId',
      'status',
      'industryCode',
    ]);
    expect(map.complete([...COLUMNS])).toBeUndefined();
  });

  it('completes columns given by a caller with the required ones, and refuses what is not a column', () => {
    expect(map.complete(['title'])).toEqual(['id', 'title', 'status']);
    expect(map.complete(undefined)).toBeUndefined();
    expect(() => map.complete(['industry'])).toThrow(/Not columns: industry/);
  });

  it('refuses declarations that name something other than a column', () => {
    expect(() => new FieldColumnMap<Row>([...COLUMNS], { secret: ['industry'] }, ['id'])).toThrow(/industry/);
    expect(() => new FieldColumnMap<Row>([...COLUMNS], {}, ['id', 'industry'])).toThrow(/industry/);
  });

  it("builds TypeORM's select", () => {
    expect(selectColumns<Row>(['id', 'title'])).toEqual({ id: true, title: true });
    expect(selectColumns<Row>(undefined)).toBeUndefined();
  });
});
