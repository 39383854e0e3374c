import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { EventEntity, EventMeetingEntity, EventRegistrationEntity, eventSlots, instantToZoned } from '@app/events';
import { CliModule } from './cli/cli.module';
import { seedDirectory } from './seed';
import { seedCatalogue } from './seed-catalogue';
import { seedEvents } from './seed-events';
import { seedProgrammes } from './seed-programmes';

describe('seedEvents', () => {
  let app: INestApplicationContext;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await (await Test.createTestingModule({ imports: [CliModule] }).compile()).init();
    dataSource = app.get(DataSource);
    await seedDirectory(app);
    await seedCatalogue(app);
    await seedProgrammes(app);
  }, 180_000);
  afterAll(() => app?.close());

  it('seeds an upcoming published matchmaking event with registrations and every slot free, idempotently', async () => {
    const first = await seedEvents(app);
    expect(first.created).toBe(true);
    const event = await dataSource.getRepository(EventEntity).findOneByOrFail({ id: first.eventId });
    expect(event).toMatchObject({
      kind: 'MATCHMAKING',
      status: 'PUBLISHED',
      timeZone: 'Asia/Shanghai',
      slotMinutes: 20,
    });
    expect(event.startsAt.getTime()).toBeGreaterThan(Date.now());
    expect(instantToZoned(event.startsAt, event.timeZone).slice(11)).toBe('09:00');
    expect(eventSlots(event)).toHaveLength(9);
    const registrations = await dataSource.getRepository(EventRegistrationEntity).findBy({ eventId: event.id });
    expect(registrations.map((r) => `${r.side}:${r.status}`).sort()).toEqual([
      'OBSERVER:APPROVED',
      'OBSERVER:PENDING',
      'RESEARCHER:APPROVED',
      'RESEARCHER:APPROVED',
    ]);
    expect(await dataSource.getRepository(EventMeetingEntity).countBy({ eventId: event.id })).toBe(0);

    const second = await seedEvents(app);
    expect(second).toEqual({ eventId: first.eventId, created: false });
    expect(await dataSource.getRepository(EventRegistrationEntity).countBy({ eventId: event.id })).toBe(4);
  });
});
