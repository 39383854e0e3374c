import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { DemandEntity, DemandKind, DemandStatus } from '@app/demands';
import { OrganisationEntity } from '@app/identity';
import { CatalogueEntryEntity, CatalogueEntryStatus } from '@app/programmes';
import { createIsolatedNamespace, IsolatedNamespace } from '@app/testing';
import { CliModule } from './cli/cli.module';
import { seedDirectory } from './seed';
import { seedBrokerage } from './seed-brokerage';
import { seedCatalogue } from './seed-catalogue';
import { seedScenarios } from './seed-scenarios';

describe('seedScenarios', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let namespace: IsolatedNamespace;

  beforeAll(async () => {
    // A database of its own: the seeds it needs first (brokerage, programmes) would leave those seeds' own tests,
    // sharing this worker's database, nothing to create.
    namespace = await createIsolatedNamespace('seedscenarios');
    const leave = namespace.enter();
    try {
      app = await (await Test.createTestingModule({ imports: [CliModule] }).compile()).init();
    } finally {
      leave();
    }
    dataSource = app.get(DataSource);
    await seedDirectory(app);
    await seedCatalogue(app);
    await seedBrokerage(app);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await namespace?.drop();
  });

  it('seeds two open scenarios (a state-owned enterprise’s, a government body’s) and catalogue entries, idempotently', async () => {
    await seedScenarios(app);
    await seedScenarios(app);
    const port = await dataSource
      .getRepository(OrganisationEntity)
      .findOneByOrFail({ externalKey: 'seed:binhai-port' });
    expect(port.stateOwned).toBe(true);
    const scenarios = await dataSource.getRepository(DemandEntity).findBy({ kind: DemandKind.APPLICATION_SCENARIO });
    const seeded = scenarios.filter((d) => d.externalId?.startsWith('seed-scenario-'));
    expect(seeded).toHaveLength(2);
    expect(seeded.every((d) => d.status === DemandStatus.OPEN && d.site && d.dataAvailable && d.timeline)).toBe(true);
    // Other test files may share this database: only the seeded products.
    const entries = (await dataSource.getRepository(CatalogueEntryEntity).find()).filter((e) =>
      e.productName.startsWith('翼展'),
    );
    expect(entries.filter((e) => e.status === CatalogueEntryStatus.PUBLISHED).length).toBeGreaterThanOrEqual(1);
    expect(entries.filter((e) => e.status === CatalogueEntryStatus.PENDING).length).toBeGreaterThanOrEqual(1);
    expect(entries).toHaveLength(2);
  });
});
