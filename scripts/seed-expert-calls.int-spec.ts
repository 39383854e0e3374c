import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { ExpertEntity } from '@app/experts';
import { ExpertCallEntity, ExpertCallInvitationEntity } from '@app/expert-calls';
import { UserEntity } from '@app/identity';
import { NotificationEntity, NotificationKind } from '@app/notifications';
import { CliModule } from './cli/cli.module';
import { seedDirectory } from './seed';
import { seedExpertCalls } from './seed-expert-calls';

describe('seedExpertCalls', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await (await Test.createTestingModule({ imports: [CliModule] }).compile()).init();
    dataSource = app.get(DataSource);
    await seedDirectory(app);
  }, 180_000);
  afterAll(() => app?.close());

  it('seeds one open call with one invitation to the demo researcher’s expert profile, notified once, idempotently', async () => {
    const first = await seedExpertCalls(app);
    expect(first.created).toBe(true);
    const call = await dataSource.getRepository(ExpertCallEntity).findOneByOrFail({ id: first.callId });
    expect(call.status).toBe('OPEN');
    expect(call.deadline.getTime()).toBeGreaterThan(Date.now());
    const researcher = await dataSource.getRepository(UserEntity).findOneByOrFail({ email: 'researcher@demo.local' });
    const expert = await dataSource.getRepository(ExpertEntity).findOneByOrFail({ userId: researcher.id });
    const invitation = await dataSource
      .getRepository(ExpertCallInvitationEntity)
      .findOneByOrFail({ id: first.invitationId });
    expect(invitation).toMatchObject({
      callId: call.id,
      expertId: expert.id,
      userId: researcher.id,
      status: 'INVITED',
    });

    const second = await seedExpertCalls(app);
    expect(second).toEqual({ ...first, created: false });
    expect(await dataSource.getRepository(ExpertCallInvitationEntity).countBy({ callId: call.id })).toBe(1);
    expect(
      await dataSource
        .getRepository(NotificationEntity)
        .countBy({ userId: researcher.id, kind: NotificationKind.EXPERT_CALL_INVITED }),
    ).toBe(1);
  });
});
