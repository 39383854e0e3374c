import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible } from '../../support';

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.evaluate(() => localStorage.clear());
  await page.goto('/sign-in');
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('form').getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/workspace$/);
  await expect(page.getByRole('heading', { level: 1, name: /你好/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
}

async function accessible(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await expectAccessible(page);
}

/** A seeded listing of 明湖理工大学 the scenario below should be matched to. */
const LISTING = '冷链运输箱体温度的无源RFID传感标签';

test.describe('application scenarios (应用场景)', () => {
  test('a state-owned enterprise publishes a scenario, sees it matched, and the public finds it with its badge', async ({
    page,
  }) => {
    test.setTimeout(240_000);
    const run = String(Date.now()).slice(-5);
    const title = `港区冷链仓库无源温度标签应用场景（${run}）`;

    await signInAs(page, 'soe@demo.local');
    await page.getByRole('link', { name: '发布应用场景' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '发布应用场景' })).toBeVisible();
    await page.getByLabel('需求名称').fill(title);
    await page
      .getByLabel('问题描述（公开）')
      .fill(
        '开放港区冷链仓库作为应用场景：需要无需电池的RFID温度传感标签，出入库时批量读取冷链运输箱全程超温记录，试点成功后首购。',
      );
    await page.getByLabel('场景地点').fill('滨海港区冷链物流中心 2 号库');
    await page.getByLabel('可开放的数据与条件').fill('近两年出入库温度记录、仓储管理系统接口');
    await page.getByLabel('实施周期').fill('2027 年上半年试点 3 个月');
    await page.getByLabel('所属行业').fill('物联网');
    await page.keyboard.press('Enter');
    await page.getByLabel('预算上限').fill('200');

    const preview = page.getByTestId('demand-preview');
    await expect(preview.getByTestId('scenario-badge')).toHaveText('应用场景');
    await expect(preview.getByText('滨海港区冷链物流中心 2 号库')).toBeVisible();
    await accessible(page);

    await page.getByRole('button', { name: '发布', exact: true }).click();
    await expect(page).toHaveURL(/\/workspace\/demands\/[0-9a-f-]{36}$/);
    const demandId = page.url().split('/').pop()!;

    // The real worker matches the scenario like any demand; the inbox fills.
    const listingItem = page.getByTestId('match-item').filter({ hasText: LISTING });
    await expect(listingItem).toBeVisible({ timeout: 120_000 });
    await accessible(page);

    // 我的需求 lists it with the badge.
    await page.goto('/workspace/demands');
    await expect(page.getByRole('row').filter({ hasText: title }).getByTestId('scenario-badge')).toBeVisible();

    // Signed out: the search hall's kind facet finds it, badge on the card; its public page shows the site.
    await page.evaluate(() => localStorage.clear());
    await page.goto(`/search?kind=demands&demandKind=APPLICATION_SCENARIO&q=${encodeURIComponent(title)}`);
    const card = page.locator(`a[href="/demands/${demandId}"]`).first();
    await expect(card).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('scenario-badge').first()).toBeVisible();
    await accessible(page);
    await page.goto(`/demands/${demandId}`);
    await expect(page.getByText('滨海港区冷链物流中心 2 号库')).toBeVisible();
    await expect(page.getByTestId('scenario-badge')).toBeVisible();

    // The public recommended catalogue (seeded), with its CSV.
    await page.getByRole('link', { name: '推荐目录' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '应用示范推荐目录' })).toBeVisible();
    await expect(page.getByText('翼展 YZ-300 低空智能巡检无人机')).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 CSV' }).click();
    expect((await download).suggestedFilename()).toBe('应用示范推荐目录.csv');
    await accessible(page);
  });
});
