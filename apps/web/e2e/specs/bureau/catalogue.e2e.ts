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

test.describe('recommended catalogue (应用示范推荐目录)', () => {
  test('an enterprise applies with a product from its acquired achievement; the bureau publishes it on the public page', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const product = `翼展货运无人机 ZT-${String(Date.now()).slice(-5)}`;

    await signInAs(page, 'enterprise@demo.local');
    await page.getByRole('link', { name: '申报推荐目录' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '申报应用示范推荐目录' })).toBeVisible();
    await page.getByRole('button', { name: '提交申报' }).click();
    await expect(page.getByText('请填写此项').first()).toBeVisible();
    await page.getByLabel('来源科技成果').click();
    await page.locator('.ant-select-item-option').first().click();
    await page.getByLabel('产品名称').fill(product);
    await page.getByLabel('产品简介').fill('基于受让成果的货运无人机，载重 50 公斤。');
    await page.getByRole('button', { name: '提交申报' }).click();
    const mine = page.getByRole('listitem').filter({ hasText: product });
    await expect(mine.getByText('待审核')).toBeVisible();
    await accessible(page);

    await signInAs(page, 'admin@demo.local');
    await page.getByRole('link', { name: '推荐目录审核' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: '应用示范推荐目录审核' })).toBeVisible();
    await accessible(page);
    await page.getByRole('button', { name: `审核通过并发布: ${product}` }).click();
    await expect(page.getByRole('button', { name: `审核通过并发布: ${product}` })).toBeHidden();

    await page.getByRole('link', { name: '查看公开目录' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '应用示范推荐目录' })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: product })).toBeVisible();
    await accessible(page);
  });
});
