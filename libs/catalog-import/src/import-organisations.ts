import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { OrganisationEntity, OrganisationKind, OrganisationVerificationStatus } from '@app/identity';
import { OrganisationSpec } from './domain/organisation-set';

/**
 * Finds or creates the organisations of an organisation set by external key. One instance per import run
 * (see `forRun`), so each organisation is looked up once and the report can say how many were created.
 */
@Injectable()
export class ImportOrganisations {
  constructor(@InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>) {}

  forRun(): OrganisationResolver {
    return new OrganisationResolver(this.organisations);
  }
}

export class OrganisationResolver {
  readonly counts = { created: 0, reused: 0 };
  private readonly cache = new Map<string, Promise<OrganisationEntity>>();

  constructor(private readonly organisations: Repository<OrganisationEntity>) {}

  resolve(spec: OrganisationSpec): Promise<OrganisationEntity> {
    let found = this.cache.get(spec.externalKey);
    if (!found) {
      found = this.findOrCreate(spec);
      this.cache.set(spec.externalKey, found);
    }
    return found;
  }

  /** Insert-or-ignore on the unique external key, so two concurrent imports of one set cannot create duplicates. */
  private async findOrCreate(spec: OrganisationSpec): Promise<OrganisationEntity> {
    const result = await this.organisations
      .createQueryBuilder()
      .insert()
      .values({
        name: spec.name,
        kind: OrganisationKind[spec.kind],
        externalKey: spec.externalKey,
        region: null,
        // The operator's own catalogue: its organisations are verified by being imported.
        verificationStatus: OrganisationVerificationStatus.VERIFIED,
        verifiedAt: new Date(),
      })
      .orIgnore()
      .returning(['id'])
      .execute();
    const created = (result.raw as unknown[]).length > 0;
    this.counts[created ? 'created' : 'reused'] += 1;
    return this.organisations.findOneByOrFail({ externalKey: spec.externalKey });
  }
}
