import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, fontsReady, saveScreenshot } from '../../support';

/** The shortest price notice the test database allows (restored to the platform default afterwards). */
const NOTICE_SECONDS = 5;
const DEFAULT_MIN_PRICE_NOTICE_SECONDS = 15 * 24 * 3600;

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/sign-in');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('form').getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/workspace$/);
  await expect(page.getByRole('heading', { level: 1, name: /你好/ })).toBeVisible();
}

/** GraphQL against the same API the browser uses (the parties' answers, set-up), as the given person. */
async function api<T = unknown>(
  page: Page,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await page.request.post('/graphql', {
    data: { query, variables },
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

async function tokenOf(page: Page, email: string): Promise<string> {
  const data = await api<{ login: { accessToken: string } }>(
    page,
    `mutation($input: LoginInput!) { login(input: $input) { accessToken } }`,
    { input: { email, password: DEMO_PASSWORD } },
  );
  return data.login.accessToken;
}

test.describe('broker: from a claimed match to a registered contract', () => {
  test('an enterprise asks for an introduction; the broker claims, introduces and runs the deal to registration', async ({
    page,
  }) => {
    test.setTimeout(300_000);
    const stamp = Date.now().toString(36);
    const demandTitle = `端到端需求：视觉检测产线升级 ${stamp}`;
    const admin = await tokenOf(page, 'admin@demo.local');
    const broker = await tokenOf(page, 'broker@demo.local');
    const enterprise = await tokenOf(page, 'enterprise@demo.local');
    const tto = await tokenOf(page, 'tto@demo.local');

    // A listed achievement of the TTO's university (not the one the search spec looks for) and a fresh demand.
    const { achievements } = await api<{
      achievements: {
        nodes: Array<{ id: string; title: string; industryCode: string; institution: { name: string } }>;
      };
    }>(
      page,
      `{ achievements(first: 50, filter: { statuses: [LISTED] }) { nodes { id title industryCode institution { name } } } }`,
    );
    const listing = (
      achievements.nodes as Array<{ id: string; title: string; industryCode: string; institution: { name: string } }>
    ).find((node) => node.institution?.name.includes('明湖') && !node.title.includes('无人机'));
    expect(listing, 'a listed achievement of 明湖理工大学 in the demo data').toBeTruthy();
    await api(
      page,
      `mutation($input: CreateDemandInput!) { createDemand(input: $input) { id status } }`,
      {
        input: {
          title: demandTitle,
          summary: '我司计划升级视觉检测产线，寻求可许可的成熟技术。',
          confidentialDetails: '预算约 150 万元，优先考虑普通许可。',
          industryCode: listing!.industryCode,
          deadline: new Date(Date.now() + 60 * 86_400_000).toISOString(),
          publish: true,
        },
      },
      enterprise,
    );
    // A short price notice in this test database: the platform's minimum and the agency's period.
    const { me } = await api<{ me: { memberships: Array<{ role: string; organisation: { id: string } }> } }>(
      page,
      `{ me { memberships { role organisation { id } } } }`,
      {},
      broker,
    );
    const agencyId = me.memberships.find((membership) => membership.role === 'BROKER')!.organisation.id;
    await api(
      page,
      `mutation($input: PlatformSettingsInput!) { updatePlatformSettings(input: $input) { minPriceNoticeSeconds } }`,
      { input: { minPriceNoticeSeconds: NOTICE_SECONDS } },
      admin,
    );
    await api(
      page,
      `mutation($input: AgencySettingsInput!) { updateBrokerAgencySettings(input: $input) { priceNoticePeriodSeconds } }`,
      { input: { agencyId, priceNoticePeriodSeconds: NOTICE_SECONDS } },
      broker,
    );

    try {
      // 1. The enterprise asks for an introduction from the listing's public page.
      await signInAs(page, 'enterprise@demo.local');
      await page.goto(`/achievements/${listing!.id}`);
      await expect(page.getByRole('heading', { level: 1, name: listing!.title })).toBeVisible();
      await page.getByRole('button', { name: '请求引荐' }).click();
      const ask = page.getByRole('dialog');
      await ask.getByLabel('对应需求').click();
      await page.locator('.ant-select-item-option').filter({ hasText: demandTitle }).click();
      await ask.getByLabel('留言（经纪人可见）').fill('希望了解普通许可的条件和技术服务安排。');
      // The closed dropdown keeps antd's unnamed a11y listbox until its closing motion ends: check the dialog after.
      await expect(page.locator('.ant-select-dropdown')).toBeHidden();
      await expectAccessible(page);
      await ask.getByRole('button', { name: '发送请求' }).click();
      await expect(page.getByText('已发送引荐请求，经纪人会尽快联系')).toBeVisible();
      await expect(page.getByText(`为“${demandTitle}”请求引荐`)).toBeVisible();

      // 2. The broker finds it in the work queue (enterprise requests only), claims it and introduces the pair.
      await signInAs(page, 'broker@demo.local');
      await page.getByRole('link', { name: /技术经纪人工作台/ }).click();
      await expect(page.getByRole('heading', { level: 1, name: '待认领匹配' })).toBeVisible();
      await expect(page.getByRole('table')).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('checkbox', { name: '仅企业主动求引荐' }).click();
      const row = page.getByRole('row').filter({ hasText: demandTitle });
      await expect(row.getByText('企业求引荐')).toBeVisible();
      await row.getByRole('button', { name: /认领/ }).click();
      await expect(page.getByText('已认领，请在认领期内发起引荐')).toBeVisible();
      const claims = page.locator('.ant-card').filter({ has: page.getByText('我的认领', { exact: true }) });
      const claimItem = claims.locator('.ant-list-item').filter({ hasText: demandTitle });
      await claimItem.getByRole('button', { name: '发起引荐' }).click();
      const composer = page.getByRole('dialog');
      await expect(composer.getByText(listing!.title)).toBeVisible();
      await expectAccessible(page);
      await composer.getByRole('button', { name: '发送引荐' }).click();
      await expect(page.getByText('引荐已发出，等待双方答复')).toBeVisible();

      // 3. Both sides accept and acknowledge confidentiality (through the API: their screens are the enterprise's
      //    and the institution's).
      const { introductionsList } = await api<{
        introductionsList: { nodes: Array<{ id: string; demand: { title: string } | null }> };
      }>(page, `{ introductionsList(first: 100, status: PROPOSED) { nodes { id demand { title } } } }`, {}, enterprise);
      const introduction = introductionsList.nodes.find((node) => node.demand?.title === demandTitle)!;
      const answer = `mutation($input: AnswerIntroductionInput!) { answerIntroduction(input: $input) { id status } }`;
      const acknowledge = `mutation($id: ID!) { acknowledgeIntroductionConfidentiality(introductionId: $id) { id } }`;
      await api(page, answer, { input: { introductionId: introduction.id, accept: true } }, enterprise);
      await api(page, answer, { input: { introductionId: introduction.id, accept: true } }, tto);
      await api(page, acknowledge, { id: introduction.id }, enterprise);
      await api(page, acknowledge, { id: introduction.id }, tto);

      // 4. The pipeline board: the deal is in 引荐; a button moves it on, a drag moves it into 洽谈.
      await page.getByRole('link', { name: '交易看板' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '交易看板' })).toBeVisible();
      const introductionColumn = page.getByTestId('board-column-INTRODUCTION');
      const card = page.locator('[data-testid^="deal-card-"]').filter({ hasText: demandTitle });
      await expect(
        introductionColumn.locator('[data-testid^="deal-card-"]').filter({ hasText: demandTitle }),
      ).toBeVisible();
      await expectAccessible(page);
      await card.getByRole('button', { name: '签署保密协议' }).click();
      await expect(card.getByText(/已签保密协议/)).toBeVisible();
      // Dropping it two columns ahead is refused by the workflow; on 洽谈 it lands.
      await card.dragTo(page.getByTestId('board-column-SIGNED'));
      await expect(page.getByText('流程不允许移到这一阶段')).toBeVisible();
      await card.dragTo(page.getByTestId('board-column-NEGOTIATION'));
      await expect(
        page
          .getByTestId('board-column-NEGOTIATION')
          .locator('[data-testid^="deal-card-"]')
          .filter({ hasText: demandTitle }),
      ).toBeVisible();

      // The listing is now in negotiation and the demand in progress (item 5 of issue 15).
      const { demands } = await api<{ demands: { nodes: Array<{ title: string }> } }>(
        page,
        `{ demands(first: 50, filter: { status: IN_PROGRESS }) { nodes { title status } } }`,
        {},
        enterprise,
      );
      expect(demands.nodes.map((node) => node.title)).toContain(demandTitle);

      // 5. The deal page: contract value, the price notice (short in this database), signing, registration.
      await card.getByRole('link').first().click();
      await expect(page).toHaveURL(/\/workspace\/broker\/deals\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { level: 1, name: new RegExp(demandTitle) })).toBeVisible();
      await expectAccessible(page);
      await page.getByLabel('合同成交额（万元）').fill('150');
      await page.getByRole('button', { name: '保存金额' }).click();
      await expect(page.getByText('金额已保存')).toBeVisible();
      await page.getByLabel('协议价格（万元）').fill('120');
      await page.getByRole('button', { name: '发布协议定价公示' }).click();
      await expect(page.getByText('已发布协议定价公示')).toBeVisible();
      await expect(page.getByText('公示中').first()).toBeVisible();
      await expect(async () => {
        await page.reload();
        await expect(page.getByText('公示期满').first()).toBeVisible({ timeout: 2_000 });
      }).toPass({ timeout: 90_000, intervals: [2_000] });
      await page.getByRole('button', { name: '签订合同' }).click();
      await expect(page.getByText('交易已移至“已签约”')).toBeVisible();
      await page.getByRole('button', { name: '登记技术合同' }).first().click();
      const registration = page.getByRole('dialog');
      await registration.getByRole('button', { name: /登\s?记/ }).click();
      await expect(registration.getByText('请填写技术合同登记号')).toBeVisible();
      await registration.getByLabel('登记号').fill(`2026330106${String(Date.now()).slice(-6)}`);
      await registration.getByLabel('合同类型').click();
      await page.locator('.ant-select-item-option').filter({ hasText: '技术许可' }).click();
      await expect(registration.getByText('独占 / 排他许可（成果转为已转化）')).toBeVisible();
      await registration.getByLabel('技术交易额（万元）').fill('120');
      // 150 registered against the noticed 120: the registration says why.
      await registration.getByLabel('金额差异说明').fill('合同含技术服务费 30 万元');
      await expectAccessible(page);
      await registration.getByRole('button', { name: /登\s?记/ }).click();
      await expect(page.getByText('交易已移至“已登记”')).toBeVisible();
      await expect(page.locator('.ant-descriptions-item-content').getByText('合同含技术服务费 30 万元')).toBeVisible();
      // A correction is an audited amendment, shown with its reason.
      await page.getByRole('button', { name: '更正登记' }).click();
      const amendment = page.getByRole('dialog');
      await amendment.getByLabel('登记机构').fill('杭州市西湖区科技局');
      await amendment.getByLabel('更正原因').fill('补填登记机构');
      await amendment.getByRole('button', { name: '提交更正' }).click();
      await expect(page.getByText('登记已更正')).toBeVisible();
      await expect(page.getByText('更正记录')).toBeVisible();
      // The closed registration dialog keeps its form (and the chosen option) mounted: read the deal's details.
      await expect(page.locator('.ant-descriptions-item-content').getByText('技术许可', { exact: true })).toBeVisible();
      await expect(page.getByText('150 万元').first()).toBeVisible();
      await page.getByRole('button', { name: '添加备注' }).scrollIntoViewIfNeeded();
      await page.getByLabel('新备注').fill('合同已在技术市场登记，等待首期款。');
      await page.getByRole('button', { name: '添加备注' }).click();
      await expect(page.getByText('备注：合同已在技术市场登记，等待首期款。')).toBeVisible();
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.mouse.move(0, 0);
      await fontsReady(page);
      await expectAccessible(page);
      await saveScreenshot(page, 'deal-page.zh');
      const dealUrl = page.url();

      // A non-exclusive licence keeps the listing on the market; the demand is solved.
      const { achievement } = await api<{ achievement: { status: string } }>(
        page,
        `query($id: ID!) { achievement(id: $id) { id status } }`,
        {
          id: listing!.id,
        },
      );
      expect(achievement.status).toBe('LISTED');
      const solved = await api<{ demands: { nodes: Array<{ title: string }> } }>(
        page,
        `{ demands(first: 50, filter: { status: SOLVED }) { nodes { title } } }`,
        {},
        enterprise,
      );
      expect(solved.demands.nodes.map((node) => node.title)).toContain(demandTitle);

      // 6. The board shows it registered; my performance counts it.
      await page.getByRole('link', { name: '交易看板', exact: true }).click();
      await expect(
        page
          .getByTestId('board-column-REGISTRATION')
          .locator('[data-testid^="deal-card-"]')
          .filter({ hasText: demandTitle }),
      ).toBeVisible();
      await page.mouse.move(0, 0);
      await fontsReady(page);
      await saveScreenshot(page, 'broker-board.zh');
      await page.getByRole('link', { name: '我的业绩' }).click();
      await expect(page.getByRole('heading', { level: 1, name: '我的业绩' })).toBeVisible();
      await expect(page.locator('.ant-statistic').filter({ hasText: '登记合同' })).toBeVisible();
      await expectAccessible(page);

      // 7. The same screens in English.
      await page.getByRole('button', { name: /语言/ }).click();
      await page.getByRole('link', { name: 'Pipeline' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Pipeline' })).toBeVisible();
      await expect(page.getByRole('heading', { level: 2, name: 'Contract registration' })).toBeVisible();
      await page.mouse.move(0, 0);
      await expectAccessible(page);
      await saveScreenshot(page, 'broker-board.en');
      await page.goto(dealUrl);
      await expect(page.getByText('Technology contract registration')).toBeVisible();
      await page.mouse.move(0, 0);
      await expectAccessible(page);
      await saveScreenshot(page, 'deal-page.en');
    } finally {
      await api(
        page,
        `mutation($input: PlatformSettingsInput!) { updatePlatformSettings(input: $input) { minPriceNoticeSeconds } }`,
        { input: { minPriceNoticeSeconds: DEFAULT_MIN_PRICE_NOTICE_SECONDS } },
        admin,
      );
    }
  });
});
