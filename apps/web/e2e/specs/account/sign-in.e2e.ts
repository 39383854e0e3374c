import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible } from '../../support';

test.describe('account', () => {
  test('sign in shows my roles; signing out returns to the public site', async ({ page }) => {
    await page.goto('/sign-in');
    await expectAccessible(page);
    await page.getByLabel('邮箱').fill('researcher@demo.local');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.locator('form').getByRole('button', { name: '登录' }).click();
    await expect(page).toHaveURL(/\/workspace$/);
    await expect(page.getByRole('heading', { level: 1, name: /你好/ })).toBeVisible();
    await expect(page.getByText('明湖理工大学').first()).toBeVisible();
    await expect(page.getByText('已生效').first()).toBeVisible();
    await expectAccessible(page);

    // A reload keeps the session.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: /你好/ })).toBeVisible();

    await page.getByRole('button', { name: '账户' }).hover();
    await page.getByText('退出登录').click();
    await expect(page).toHaveURL(/\/$/);
    await expect(page.getByRole('link', { name: '登录' })).toBeVisible();
  });

  test('a wrong password is refused with the API’s message', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('邮箱').fill('researcher@demo.local');
    await page.getByLabel('密码').fill('not-the-password');
    await page.locator('form').getByRole('button', { name: '登录' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('a bad input shows the API’s field error next to the field', async ({ page }) => {
    await page.goto('/register');
    await expectAccessible(page);
    await page.getByLabel('姓名').fill('测试用户');
    await page.getByLabel('邮箱').fill(`e2e-${Date.now()}@example.com`);
    await page.getByLabel('密码').fill('short');
    await page.getByRole('radio', { name: '新建单位' }).check();
    await page.getByLabel('单位名称').fill('测试企业');
    await page.getByLabel('单位类型').click();
    await page.getByTitle('企业').click();
    await page.locator('form').getByRole('button', { name: '注册' }).click();
    // The API's PASSWORD_TOO_SHORT, under the password field (not a banner).
    const passwordItem = page.locator('.ant-form-item').filter({ has: page.getByLabel('密码') });
    await expect(passwordItem.locator('.ant-form-item-explain-error')).toHaveText(/密码|10/);
  });

  test('joining an organisation shows the request as pending', async ({ page }) => {
    await page.goto('/register');
    await page.getByLabel('姓名').fill('待审核用户');
    await page.getByLabel('邮箱').fill(`e2e-join-${Date.now()}@example.com`);
    await page.getByLabel('密码').fill('a-long-enough-passphrase-2026');
    await page.getByLabel('单位', { exact: true }).click();
    await page.getByTitle('明湖理工大学').click();
    await page.locator('form').getByRole('button', { name: '注册' }).click();
    await expect(page.getByText('注册申请已提交').first()).toBeVisible();
    await expect(page.getByText('待审核', { exact: true })).toBeVisible();
  });
});
