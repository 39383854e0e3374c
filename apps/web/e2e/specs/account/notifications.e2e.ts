import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, fontsReady, saveScreenshot } from '../../support';

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

/** The researcher files an achievement through the four steps and submits it for rights confirmation. */
async function fileAndSubmit(page: Page, title: string): Promise<void> {
  await page.goto('/workspace/achievements/new');
  await expect(page.getByRole('heading', { level: 1, name: '成果登记' })).toBeVisible();
  await page.getByLabel('成果名称').fill(title);
  await page.getByLabel('成果简介（公开）').fill('一种可降解的农用地膜材料，适用于西北干旱地区。');
  await page.getByRole('button', { name: /下一步/ }).click();
  await page.getByLabel('技术内容（保密）').fill('以改性聚乳酸为基体，180 天内降解率超过 90%。');
  await page.getByLabel('转化实施方案').fill('优先许可给本省农资企业。');
  await page.getByRole('button', { name: /下一步/ }).click();
  await page.getByRole('checkbox', { name: '许可' }).check();
  await page.getByRole('button', { name: /下一步/ }).click();
  await page.getByLabel('团队所有权比例').fill('70');
  await page.getByLabel('团队所有权比例').blur();
  await page.getByRole('button', { name: '提交确权' }).click();
  await expect(page).toHaveURL(/\/workspace\/achievements\/[0-9a-f-]{36}$/);
}

test.describe('notifications', () => {
  test('a submission reaches the TTO officer: the bell counts it, the item opens the review, marking it read counts down', async ({
    page,
  }) => {
    const title = `通知测试成果 ${Date.now()}`;
    await signInAs(page, 'researcher@demo.local');
    await fileAndSubmit(page, title);
    const achievementId = page.url().split('/').pop()!;

    await signInAs(page, 'tto@demo.local');
    const bell = page.getByRole('button', { name: /^通知（\d+ 条未读）$/ });
    await expect(bell).toBeVisible();
    const before = Number((await bell.getAttribute('aria-label'))!.match(/\d+/)![0]);
    expect(before).toBeGreaterThanOrEqual(1);
    await bell.click();
    const itemTitle = `待审：《${title}》提交了确权申请`;
    await expect(page.getByRole('button', { name: itemTitle })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('link', { name: '查看全部通知' }).click();

    // The centre: the item unread, linking to the review; marking it read counts down, here and on the bell.
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(page.getByRole('heading', { level: 1, name: '通知中心' })).toBeVisible();
    const item = page.locator('.ant-list-item').filter({ hasText: itemTitle });
    await expect(item.getByText('未读', { exact: true })).toBeVisible();
    await expect(item.getByRole('link', { name: itemTitle })).toHaveAttribute(
      'href',
      `/workspace/reviews?achievement=${achievementId}`,
    );
    await expect(page.getByText(`${before} 条未读`)).toBeVisible();
    await page.mouse.move(0, 0); // no hovered button (its hover colour) in the check or the screenshot
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'notification-centre.zh');
    await item.getByRole('button', { name: `标为已读: ${itemTitle}` }).click();
    await expect(item.getByText('未读', { exact: true })).toHaveCount(0);
    await expect(page.getByText(`${before - 1} 条未读`)).toBeVisible();
    await expect(
      page.getByRole('button', { name: before - 1 > 0 ? `通知（${before - 1} 条未读）` : '通知' }),
    ).toBeVisible();

    // The item opens the review of that very application.
    await item.getByRole('link', { name: itemTitle }).click();
    await expect(page).toHaveURL(new RegExp(`/workspace/reviews\\?achievement=${achievementId}$`));
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();

    // Only one notification for the one submission.
    await page.goto('/notifications');
    await expect(page.locator('.ant-list-item').filter({ hasText: itemTitle })).toHaveCount(1);
  });

  test('digest settings save and show a preview of the next digest; notification and webhook settings are reachable', async ({
    page,
  }) => {
    await signInAs(page, 'tto@demo.local');
    await page.goto('/settings/digest');
    await expect(page.getByRole('heading', { level: 1, name: '账户设置' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '下期周报预览' })).toBeVisible();
    await expect(page.getByTestId('digest-preview-text')).toContainText('您好');

    await page.getByLabel('发送日').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '星期三' }).click();
    await page.getByLabel('发送时间').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '08:00' }).click();
    await page.getByRole('button', { name: '保存周报设置' }).click();
    await expect(page.getByText('周报设置已保存')).toBeVisible();
    // The preview follows: next sent on a Wednesday at 08:00 (in the chosen time zone).
    const preview = page.locator('.ant-descriptions').filter({ hasText: '下次发送' });
    await expect(preview).toContainText('星期三');
    await expect(preview).toContainText('08:00');
    await page.mouse.move(0, 0);
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'digest-settings.zh');

    // Saved for real: a reload shows the same choice.
    await page.reload();
    await expect(
      page.getByLabel('发送日').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]'),
    ).toContainText('星期三');

    await page.getByRole('tab', { name: '通知' }).click();
    await expect(page).toHaveURL(/\/settings\/notifications$/);
    await expect(page.getByRole('switch', { name: '确权申请待审: 邮件' })).toBeChecked();
    await expectAccessible(page);
    await page.getByRole('tab', { name: 'Webhook' }).click();
    await expect(page).toHaveURL(/\/settings\/webhook$/);
    await expect(page.getByText('尚未设置 Webhook。')).toBeVisible();
    await expectAccessible(page);
  });
});
