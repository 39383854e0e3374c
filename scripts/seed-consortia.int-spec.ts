import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import {
  ConsortiumEntity,
  ConsortiumLinkEntity,
  ConsortiumMemberEntity,
  ConsortiumMilestoneEntity,
} from '@app/consortia';
import { UserEntity } from '@app/identity';
import { NotificationEntity, NotificationKind } from '@app/notifications';
import { createIsolatedNamespace, IsolatedNamespace } from '@app/testing';
import { CliModule } from './cli/cli.module';
import { seedDirectory } from './seed';
import { seedCatalogue } from './seed-catalogue';
import { seedConsortia } from './seed-consortia';
import { seedProgrammes } from './seed-programmes';

describe('seedConsortia', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;
  let namespace: IsolatedNamespace;

  beforeAll(async () => {
    // A database of its own: the seeds it needs first (brokerage, programmes) would leave those seeds' own tests,
    // sharing this worker's database, nothing to create.
    namespace = await createIsolatedNamespace('seedconsortia');
    const leave = namespace.enter();
    try {
      app = await (await Test.createTestingModule({ imports: [CliModule] }).compile()).init();
    } finally {
      leave();
    }
    dataSource = app.get(DataSource);
    await seedDirectory(app);
    await seedCatalogue(app);
    await seedProgrammes(app);
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await namespace?.drop();
  });

  it('seeds one active consortium led by 翼展航空 with a member, an invitation (notified once), links and milestones, idempotently', async () => {
    const first = await seedConsortia(app);
    expect(first.created).toBe(true);
    const consortium = await dataSource.getRepository(ConsortiumEntity).findOneByOrFail({ id: first.consortiumId });
    expect(consortium.status).toBe('ACTIVE');
    const members = await dataSource.getRepository(ConsortiumMemberEntity).findBy({ consortiumId: consortium.id });
    expect(members.map((m) => [m.role, m.status]).sort()).toEqual([
      ['COLLABORATE', 'INVITED'],
      ['LEAD', 'ACCEPTED'],
      ['SUPPORT', 'ACCEPTED'],
    ]);
    const links = await dataSource.getRepository(ConsortiumLinkEntity).findBy({ consortiumId: consortium.id });
    expect(links.map((l) => l.kind).sort()).toEqual(['ACHIEVEMENT', 'DEMAND']);
    expect(await dataSource.getRepository(ConsortiumMilestoneEntity).countBy({ consortiumId: consortium.id })).toBe(2);

    const second = await seedConsortia(app);
    expect(second).toEqual({ ...first, created: false });
    expect(await dataSource.getRepository(ConsortiumMemberEntity).countBy({ consortiumId: consortium.id })).toBe(3);
    expect(await dataSource.getRepository(ConsortiumMilestoneEntity).countBy({ consortiumId: consortium.id })).toBe(2);
    const rd = await dataSource.getRepository(UserEntity).findOneByOrFail({ email: 'rd@demo.local' });
    expect(
      await dataSource
        .getRepository(NotificationEntity)
        .countBy({ userId: rd.id, kind: NotificationKind.CONSORTIUM_INVITED }),
    ).toBe(1);
  });
});
