import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MatchEntity, MatchesService, MatchStatus, MatchTargetType } from '@app/matching';
import { startTestApi, TestApi } from '@app/testing';
import { MatchClaimEntity } from '../src/entities/match-claim.entity';
import { buildWorld, BrokerageWorld } from './brokerage-world';

/** Re-ranking a demand must not delete a suggestion a broker is working on (their claim would point at nothing). */
describe('re-ranking keeps the matches brokers work on', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let world: BrokerageWorld;

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    world = await buildWorld(api, 'survive', 1);
  }, 120_000);
  afterAll(() => api?.close());

  it('removes an unclaimed suggestion that fell out of the list and keeps a claimed one', async () => {
    const matches = dataSource.getRepository(MatchEntity);
    // Targets the engine can never rank (no such listing), so both fall out of the list on the next ranking.
    const suggestion = (targetId: string) =>
      matches.save(
        matches.create({
          demandId: world.demand.id,
          targetType: MatchTargetType.ACHIEVEMENT,
          targetId,
          score: 0.5,
          explanation: { matchedTerms: [], missingTerms: [], textScore: 0.5, coverage: 0.5, factors: [] },
          engineVersion: 'test',
          status: MatchStatus.SUGGESTED,
          computedAt: new Date(Date.now() - 60_000),
        }),
      );
    const claimed = await suggestion(randomUUID());
    const unclaimed = await suggestion(randomUUID());
    const releasedClaim = await suggestion(randomUUID());
    const claims = dataSource.getRepository(MatchClaimEntity);
    const now = Date.now();
    await claims.save([
      claims.create({
        matchId: claimed.id,
        brokerId: world.brokers[0].userId,
        agencyId: world.agencyA.id,
        claimedAt: new Date(now),
        expiresAt: new Date(now + 86_400_000),
        releasedAt: null,
      }),
      claims.create({
        matchId: releasedClaim.id,
        brokerId: world.brokers[0].userId,
        agencyId: world.agencyA.id,
        claimedAt: new Date(now - 7_200_000),
        expiresAt: new Date(now + 86_400_000),
        releasedAt: new Date(now - 3_600_000),
        releaseReason: 'RELEASED',
      }),
    ]);

    await expect(api.app.get(MatchesService).matchDemand(world.demand.id)).resolves.toBe('done');

    const left = new Set((await matches.findBy({ demandId: world.demand.id })).map((row) => row.id));
    expect(left.has(claimed.id)).toBe(true);
    expect(left.has(unclaimed.id)).toBe(false);
    expect(left.has(releasedClaim.id)).toBe(false);
  }, 60_000);
});
