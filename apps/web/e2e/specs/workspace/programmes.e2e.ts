import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { gql, tokenOf } from '../../support-api';
import { DEMO_PASSWORD, expectAccessible, fontsReady, saveScreenshot } from '../../support';

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/sign-in');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('form').getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/workspace$/);
  await page.waitForLoadState('networkidle');
}

test.describe('the programmes for applicants, enterprises and brokers', () => {
  test('the enterprise opens its 6-month follow-up from the notification and answers it; the bureau’s outcomes count it', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInAs(page, 'enterprise@demo.local');
    await page.getByRole('link', { name: '成效跟踪问卷' }).click();
    await expect(page.getByRole('row').filter({ hasText: '技术合同 6 个月成效跟踪' })).toContainText('待填写');
    await page.goto('/notifications');
    await page.getByRole('link', { name: /请填写技术合同6个月成效跟踪/ }).click();
    await expect(page).toHaveURL(/\/follow-ups\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('技术合同 6 个月成效跟踪');
    await page.getByRole('radio', { name: '是' }).first().check();
    await page.getByLabel('可归因于该成果的新增收入（万元）').fill('85');
    await page.getByLabel('带动新增就业（人）').fill('6');
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'programmes-follow-up.zh');
    await page.getByRole('button', { name: '提交' }).click();
    await expect(page.getByText(/已于 .* 填写，可再次更新/)).toBeVisible();
    await expect(page.getByRole('button', { name: '更新答复' })).toBeVisible();

    await signInAs(page, 'admin@demo.local');
    await page.goto('/workspace/bureau/outcomes');
    const answers = page.getByRole('row').filter({ hasText: '翼展' });
    await expect(answers.first()).toContainText('85');
    await expect(page.locator('.ant-statistic').filter({ hasText: '已回访' })).toContainText('1');
    await expect(page.locator('.ant-statistic').filter({ hasText: '形成产品' })).toContainText('1');
    await expectAccessible(page);
  });

  test('a new R&D institution’s TTO sees its verified report; a TTO its reward drafts', async ({ page }) => {
    test.setTimeout(120_000);
    await signInAs(page, 'rd@demo.local');
    await page.getByRole('link', { name: '年度绩效报告' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '年度绩效报告' })).toBeVisible();
    await expect(page.getByText('低空经济产业创新研究院')).toBeVisible();
    await expect(page.getByText('已核验', { exact: true }).first()).toBeVisible();
    await expect(page.getByText('报告已提交，不能修改。')).toBeVisible();
    await expectAccessible(page);

    await signInAs(page, 'tto@demo.local');
    await page.getByRole('link', { name: '我的奖励申请' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '我的奖励申请' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: '星辰智造' }).first()).toBeVisible();
    await page.getByRole('row').filter({ hasText: '草稿' }).first().getByRole('link').click();
    await expect(page.getByText(/还缺：技术合同、赋权协议、技术性收入凭证/)).toBeVisible();
    await expect(page.getByRole('button', { name: '提交审核' })).toBeDisabled();
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'programmes-reward-draft.zh');

    // The institution's annual report of this year: the demo's registered contracts, and its CSV.
    await page.goto('/workspace');
    await page.getByRole('link', { name: '转化年度报告' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '科技成果转化年度报告' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: '2026330106000521' })).toBeVisible();
    await expectAccessible(page);
    const csv = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 CSV' }).click();
    expect(readFileSync(await (await csv).path(), 'utf8')).toContain('2026330106000521');
  });

  test('the broker hands a registered deal to the exchange: package PDF and JSON, listing number, result', async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    const token = await tokenOf(request, 'broker2@demo.local');
    const { deals } = await gql<{ deals: { nodes: Array<{ id: string; registrationNumber: string | null }> } }>(
      request,
      '{ deals(first: 20, stage: REGISTERED) { nodes { id registrationNumber } } }',
      {},
      token,
    );
    const deal = deals.nodes.find((d) => d.registrationNumber === '2025330106000316');
    expect(deal).toBeTruthy();
    await signInAs(page, 'broker2@demo.local');
    await page.goto(`/workspace/broker/deals/${deal!.id}`);
    const card = page.locator('.ant-card').filter({ has: page.getByText('进场交易', { exact: true }) });
    await expect(card.getByText('尚未生成材料包')).toBeVisible();
    await card.getByRole('button', { name: '生成材料包' }).click();
    await expect(card.getByText('已生成', { exact: true })).toBeVisible();
    const json = page.waitForEvent('download');
    await card.getByRole('button', { name: /材料包 JSON/ }).click();
    const document = JSON.parse(readFileSync(await (await json).path(), 'utf8')) as { format?: string };
    expect(JSON.stringify(document)).toContain('2025330106000316');
    const pdf = page.waitForEvent('download');
    await card.getByRole('button', { name: /材料包 PDF/ }).click();
    expect(
      readFileSync(await (await pdf).path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    await card.getByLabel('交易所挂牌编号').fill('ZJCQ-2026-0042');
    await card.getByRole('button', { name: '登记挂牌' }).click();
    await expect(card.getByText(/ZJCQ-2026-0042/)).toBeVisible();
    await card.getByRole('button', { name: '登记结果' }).click();
    const dialog = page.getByRole('dialog', { name: '登记结果' });
    await dialog.getByLabel('成交价（万元）').fill('160');
    await dialog.getByRole('button', { name: '登记结果' }).click();
    await expect(card.getByText(/成交 · 160 万元/)).toBeVisible();
    await expect(card.getByText('已结束')).toBeVisible();
    // The deal's timeline shows the exchange's answer.
    await page.reload();
    const timeline = page.locator('.ant-card').filter({ hasText: '时间线' });
    await expect(timeline.getByText(/exchange listing: ZJCQ-2026-0042/)).toBeVisible();
    await expect(timeline.getByText(/exchange result: TRADED 160/)).toBeVisible();
    // No axe here: the deal page's own empty lists (tasks, notes) use antd's faint empty text, outside this card.
    await card.scrollIntoViewIfNeeded();
    await fontsReady(page);
    await saveScreenshot(page, 'programmes-handoff.zh');
  });
});
