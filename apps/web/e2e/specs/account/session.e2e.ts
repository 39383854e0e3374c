import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../support';

async function signIn(page: Page): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('邮箱').fill('tto@demo.local');
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('form').getByRole('button', { name: '登录' }).click();
  await expect(page).toHaveURL(/\/workspace$/);
  // Settled: no request of this page still in flight. (A refresh cut off by a navigation would spend the refresh
  // token without the page keeping the new one; the API then sees the old one reused and ends the session.)
  await expect(page.getByRole('heading', { level: 1, name: /你好/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
}

/** Replaces what the browser holds, as time would: the access token no longer valid (or the whole session). */
async function spoil(page: Page, fields: { accessToken?: string; refreshToken?: string }): Promise<void> {
  await page.evaluate((next) => {
    const session = JSON.parse(localStorage.getItem('tt.session') ?? '{}') as Record<string, unknown>;
    localStorage.setItem('tt.session', JSON.stringify({ ...session, ...next }));
  }, fields);
}

test.describe('the session over time', () => {
  test('an expired access token is refreshed and the page stays where it is', async ({ page }) => {
    await signIn(page);
    await spoil(page, { accessToken: 'expired.access.token' });
    await page.goto('/workspace');
    await expect(page.getByRole('heading', { level: 1, name: /你好/ })).toBeVisible();
    await expect(page.getByText('明湖理工大学').first()).toBeVisible();
    await expect(page).toHaveURL(/\/workspace$/);
    const session = await page.evaluate(
      () => JSON.parse(localStorage.getItem('tt.session') ?? '{}') as { accessToken: string },
    );
    expect(session.accessToken).not.toBe('expired.access.token');
  });

  test('an ended session goes to sign in with a message, and back to the page after signing in', async ({ page }) => {
    await signIn(page);
    await spoil(page, { accessToken: 'expired.access.token', refreshToken: 'revoked-refresh-token' });
    await page.goto('/workspace');
    await expect(page).toHaveURL(/\/sign-in\?next=(%2F|\/)workspace/);
    await expect(page.getByText('登录已过期，请重新登录。')).toBeVisible();
    await page.getByLabel('邮箱').fill('tto@demo.local');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.locator('form').getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(/\/workspace$/);
  });
});
