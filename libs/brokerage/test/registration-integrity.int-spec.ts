import { DataSource } from 'typeorm';
import { startTestApi, TestApi } from '@app/testing';
import { DealAmendmentEntity } from '@app/brokerage';
import { buildWorld, BrokerageWorld, endedPriceNotice, introducedDeal, MOVE, ok } from './brokerage-world';

const AMOUNTS = `mutation($input: DealAmountsInput!) { setDealAmounts(input: $input) { id } }`;
const AMEND = `mutation($input: AmendDealRegistrationInput!) { amendDealRegistration(input: $input) {
  id registrationNumber contractValueWan technicalIncomeWan valueDifferenceReason commissionWan } }`;
const DEAL = `query($id: ID!) { deal(id: $id) { id registrationNumber contractValueWan valueDifferenceReason
  timeline { kind actorId body } amendments { actorId reason createdAt before { registrationNumber contractValueWan }
  after { registrationNumber contractValueWan valueDifferenceReason } } } }`;

/** Issue 12, item 8: a registered contract is checked when recorded and corrected only by audited amendments. */
describe('integrity of a registered contract (技术合同认定登记)', () => {
  let api: TestApi;
  let dataSource: DataSource;
  let world: BrokerageWorld;
  let dealId: string;

  const registration = (extra: Record<string, unknown> = {}) => ({
    input: {
      dealId,
      stage: 'REGISTERED',
      registration: {
        registrationNumber: '2026330106000321',
        contractType: 'DEVELOPMENT',
        contractValueWan: 100,
        technicalIncomeWan: 90,
        ...extra,
      },
    },
  });

  async function failure(query: string, variables: Record<string, unknown>, token: string, language = 'en') {
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'accept-language': language },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as {
      errors?: Array<{ message: string; extensions: Record<string, unknown> }>;
    };
    if (!body.errors) throw new Error(`expected an error, got ${JSON.stringify(body)}`);
    return { message: body.errors[0].message, ...body.errors[0].extensions };
  }

  beforeAll(async () => {
    api = await startTestApi();
    dataSource = api.app.get(DataSource);
    world = await buildWorld(api, 'integrity', 2);
    ({ dealId } = await introducedDeal(api, world));
    const broker = world.brokers[0];
    await ok(api, MOVE, { input: { dealId, stage: 'NDA_SIGNED' } }, broker);
    await ok(api, MOVE, { input: { dealId, stage: 'NEGOTIATING' } }, broker);
    await ok(api, AMOUNTS, { input: { dealId, contractValueWan: 100 } }, broker);
    // 协议定价公示 at 100 万元, ended without objection.
    await endedPriceNotice(api, dealId, broker, 100);
    await ok(api, MOVE, { input: { dealId, stage: 'CONTRACT_SIGNED' } }, broker);
  }, 180_000);
  afterAll(() => api.close());

  it('refuses a registration number not in the national format, with a zh/en message', async () => {
    const token = world.brokers[0].token;
    for (const wrong of ['REG-1', '3301062026', '20263301060', '1999x330106000321', '2026930106000321']) {
      expect(await failure(MOVE, registration({ registrationNumber: wrong }), token)).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'REGISTRATION_NUMBER_INVALID',
        field: 'registration.registrationNumber',
      });
    }
    // In the account's language (zh here); the English one is in the same catalogue (libs/core errors).
    const zh = await failure(MOVE, registration({ registrationNumber: 'ABC' }), token, 'zh-CN');
    expect(zh.message).toContain('技术合同登记号格式有误');
  });

  it('refuses a registered value above or below the noticed price without a reason, and an agreed price above it', async () => {
    const token = world.brokers[0].token;
    // The noticed agreed price (100) cannot exceed the registered contract value.
    expect(await failure(MOVE, registration({ contractValueWan: 80, technicalIncomeWan: 70 }), token)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'AGREED_PRICE_EXCEEDS_CONTRACT_VALUE',
    });
    // A value other than the noticed price needs the reason.
    expect(await failure(MOVE, registration({ contractValueWan: 120 }), token)).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'VALUE_DIFFERENCE_REASON_REQUIRED',
      field: 'valueDifferenceReason',
      agreedPriceWan: 100,
      contractValueWan: 120,
    });
    expect(
      await failure(MOVE, registration({ contractValueWan: 120, valueDifferenceReason: '   ' }), token),
    ).toMatchObject({ reason: 'VALUE_DIFFERENCE_REASON_REQUIRED' });
    const stored = await dataSource.query(`SELECT stage FROM deals WHERE id = $1`, [dealId]);
    expect(stored[0].stage).toBe('CONTRACT_SIGNED');
  });

  it('records a registration whose value differs from the noticed price together with the reason', async () => {
    const registered = await ok(
      api,
      MOVE.replace('technicalIncomeWan }', 'technicalIncomeWan valueDifferenceReason }'),
      // Separators people type are removed before the number is checked and stored.
      registration({
        registrationNumber: '2026 330106 000321',
        contractValueWan: 120,
        valueDifferenceReason: '  含技术培训费 20 万元  ',
      }),
      world.brokers[0],
    );
    expect(registered.moveDeal).toMatchObject({
      stage: 'REGISTERED',
      registrationNumber: '2026330106000321',
      contractValueWan: 120,
      valueDifferenceReason: '含技术培训费 20 万元',
    });
  });

  it('corrects the registration only by an audited amendment on the timeline', async () => {
    const broker = world.brokers[0];
    // A party of the deal may not amend it; someone who cannot see the deal is told it does not exist.
    expect(
      await failure(
        AMEND,
        { input: { dealId, registrationNumber: '2026330106000322', reason: '笔误' } },
        world.member.token,
      ),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(
      await failure(
        AMEND,
        { input: { dealId, registrationNumber: '2026330106000322', reason: '笔误' } },
        world.outsider.token,
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    // A reason is required, not blank; the corrected fields pass the registration's checks again.
    expect(
      await failure(AMEND, { input: { dealId, registrationNumber: '2026330106000322', reason: '  ' } }, broker.token),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'TEXT_BLANK', field: 'reason' });
    expect(
      await failure(AMEND, { input: { dealId, registrationNumber: 'X-1', reason: '笔误' } }, broker.token),
    ).toMatchObject({ reason: 'REGISTRATION_NUMBER_INVALID' });
    expect(
      await failure(
        AMEND,
        { input: { dealId, contractValueWan: 130, valueDifferenceReason: '', reason: '金额更正' } },
        broker.token,
      ),
    ).toMatchObject({ reason: 'VALUE_DIFFERENCE_REASON_REQUIRED' });
    expect(
      await failure(
        AMEND,
        { input: { dealId, contractValueWan: 90, technicalIncomeWan: 80, reason: '金额更正' } },
        broker.token,
      ),
    ).toMatchObject({ reason: 'AGREED_PRICE_EXCEEDS_CONTRACT_VALUE' });
    expect(
      await failure(
        AMEND,
        { input: { dealId, registrationNumber: '2026330106000321', reason: '无变化' } },
        broker.token,
      ),
    ).toMatchObject({ reason: 'AMENDMENT_CHANGES_NOTHING' });

    // Back to the noticed price: the difference reason is no longer kept.
    const amended = await ok(
      api,
      AMEND,
      {
        input: { dealId, registrationNumber: '2026-330106-000322', contractValueWan: 100, reason: '登记号与金额笔误' },
      },
      broker,
    );
    expect(amended.amendDealRegistration).toMatchObject({
      registrationNumber: '2026330106000322',
      contractValueWan: 100,
      valueDifferenceReason: null,
    });
    // An administrator corrects too.
    await ok(
      api,
      AMEND,
      { input: { dealId, registrationAuthority: '杭州市西湖区科技局', reason: '补登记机构' } },
      world.admin,
    );

    const { deal } = await ok(api, DEAL, { id: dealId }, world.member);
    expect(deal.amendments).toHaveLength(2);
    expect(deal.amendments[0]).toMatchObject({
      actorId: broker.userId,
      reason: '登记号与金额笔误',
      before: { registrationNumber: '2026330106000321', contractValueWan: 120 },
      after: { registrationNumber: '2026330106000322', contractValueWan: 100, valueDifferenceReason: null },
    });
    expect(deal.amendments[1]).toMatchObject({ actorId: world.admin.userId, reason: '补登记机构' });
    const onTimeline = deal.timeline.filter((entry: { kind: string }) => entry.kind === 'REGISTRATION_AMENDED');
    expect(onTimeline).toHaveLength(2);
    expect(onTimeline[0].body).toContain('登记号与金额笔误');
    expect(onTimeline[0].body).toContain('2026330106000321 → 2026330106000322');
    // Refused attempts left no amendment behind.
    expect(await dataSource.getRepository(DealAmendmentEntity).countBy({ dealId })).toBe(2);
  });

  it('refuses to amend a deal that is not registered', async () => {
    const other = await buildWorld(api, 'integrity-open', 1);
    const { dealId: open } = await introducedDeal(api, other);
    expect(
      await failure(
        AMEND,
        { input: { dealId: open, registrationNumber: '2026330106000999', reason: '笔误' } },
        other.brokers[0].token,
      ),
    ).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'DEAL_NOT_REGISTERED', currentStage: 'INTRODUCED' });
  });
});
