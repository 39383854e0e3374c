import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, saveScreenshot } from '../../support';

/** The open call for experts of scripts/seed-expert-calls.ts, with an invitation to researcher@demo.local. */
const CALL = '低空物流无人机安全监管政策研究';

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

async function accessible(page: Page): Promise<void> {
  await page.mouse.move(0, 0);
  await expectAccessible(page);
}

test.describe('calls for experts', () => {
  test('the invited researcher accepts and responds; the bureau sees the answer and the contributor', async ({
    page,
  }) => {
    test.setTimeout(120_000);

    await signInAs(page, 'researcher@demo.local');
    await page.getByRole('link', { name: '专家征集邀请' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '我的专家征集邀请' })).toBeVisible();
    const card = page.locator('.ant-card').filter({ hasText: CALL });
    await expect(card.getByText('待答复')).toBeVisible();
    await accessible(page);
    await card.getByRole('button', { name: '接受邀请' }).click();
    await expect(card.getByText('已接受')).toBeVisible();
    await card.getByLabel('您的意见').fill('建议按航路分级管理，视觉导航须有冗余定位。');
    await card.getByRole('button', { name: '提交意见' }).click();
    await expect(card.getByText(/已于 .* 提交意见/)).toBeVisible();
    await accessible(page);
    await expect(page.locator('.ant-message-notice')).toHaveCount(0); // the toasts have gone
    await saveScreenshot(page, 'expert-call-invitation.zh');

    await signInAs(page, 'admin@demo.local');
    await page.getByRole('link', { name: '专家征集', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: '专家征集（政府决策课题）' })).toBeVisible();
    await page.getByRole('listitem').filter({ hasText: CALL }).getByRole('link', { name: '管理' }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(CALL) })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: '周明远' }).getByText('已接受')).toBeVisible();
    await expect(page.getByText('已贡献意见的专家（1）')).toBeVisible();
    await accessible(page);
    await saveScreenshot(page, 'expert-call-bureau.zh');
  });
});
