import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, fontsReady, saveScreenshot } from '../../support';

/** The upcoming matchmaking event of scripts/seed-events.ts. */
const EVENT = '低空经济与智能制造产学研对接会';

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

test.describe('matchmaking events', () => {
  test('an enterprise registers, the organiser approves, the enterprise books a one-to-one slot and the researcher accepts', async ({
    page,
  }) => {
    test.setTimeout(180_000);

    // The public list and the event's page, signed in as the enterprise.
    await signInAs(page, 'enterprise@demo.local');
    await page.getByRole('link', { name: '对接活动' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '对接活动' })).toBeVisible();
    await page.getByRole('link', { name: EVENT }).click();
    await expect(page.getByRole('heading', { level: 1, name: EVENT })).toBeVisible();
    await expect(page.getByText('09:00 – 12:00（Asia/Shanghai）', { exact: false })).toBeVisible();
    await accessible(page);
    const eventUrl = page.url();
    await page.getByRole('button', { name: '报名参加' }).click();
    await expect(page.getByText('报名已提交，等待主办方审核。').first()).toBeVisible();

    // The organiser (明湖理工大学's TTO) approves it from the desk.
    await signInAs(page, 'tto@demo.local');
    await page.getByRole('link', { name: '我组织的活动' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '我组织的活动' })).toBeVisible();
    await page.getByRole('listitem').filter({ hasText: EVENT }).getByRole('link', { name: '管理' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `活动管理：${EVENT}` })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: '翼展航空科技有限公司' });
    await expect(row.getByText('待审核')).toBeVisible();
    await accessible(page);
    await row.getByRole('button', { name: /^通过/ }).click();
    await expect(row.getByText('已通过')).toBeVisible();

    // The organiser edits the event on the desk: the form starts from it, the presenting institution shown by name.
    await page.getByRole('button', { name: '编辑活动' }).click();
    const form = page.locator('form').filter({ has: page.getByLabel('活动名称') });
    await expect(form.getByLabel('活动名称')).toHaveValue(EVENT);
    await expect(form.locator('.ant-select-selection-item', { hasText: '明湖理工大学' })).toBeVisible();
    await form.getByLabel('名额').fill('40');
    await accessible(page);
    await form.getByRole('button', { name: '保存修改' }).click();
    await expect(page.getByText('活动已更新')).toBeVisible();
    await expect(form).toBeHidden();
    // The toast gone before the desk's screenshot.
    await expect(page.getByText('活动已更新')).toBeHidden({ timeout: 10_000 });
    await page.getByRole('tab', { name: '活动成效' }).click();
    await expect(page.getByRole('tab', { name: '活动成效' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText(/^通过 \d+/)).toBeVisible();
    // The screenshot once the tab's ink bar has settled.
    await page.mouse.move(0, 0);
    await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
    await fontsReady(page);
    await saveScreenshot(page, 'event-desk.zh');

    // The enterprise books 周明远 (researcher side) in the first slot.
    await signInAs(page, 'enterprise@demo.local');
    await page.goto(eventUrl);
    await expect(page.getByText('报名已通过。')).toBeVisible();
    await page.getByRole('link', { name: '我的洽谈（预约时段）' }).click();
    await expect(page.getByRole('heading', { level: 1, name: `我的洽谈：${EVENT}` })).toBeVisible();
    await page.getByLabel('洽谈对象').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '周明远' }).click();
    await page.locator('label.ant-radio-button-wrapper').filter({ hasText: '09:00' }).click();
    await expect(page.getByRole('radio', { name: '09:00' })).toBeChecked();
    await page.getByLabel('留言（可选）').fill('想了解无人机视觉导航的室内精度');
    await page.getByRole('button', { name: '发送请求' }).click();
    await expect(page.getByText('洽谈请求已发送')).toBeVisible();
    const mine = page.getByRole('listitem').filter({ hasText: '与 周明远' });
    await expect(mine.getByText('待答复')).toBeVisible();
    await expect(mine.getByText('09:00')).toBeVisible();
    // 09:00 is taken for both now: it is no longer offered for 周明远.
    await expect(page.getByRole('radio', { name: '09:00' })).toHaveCount(0);
    await expect(page.getByRole('radio', { name: '09:20' })).toHaveCount(1);
    await accessible(page);
    await fontsReady(page);
    await saveScreenshot(page, 'event-meetings.zh');

    // The researcher accepts; the meeting is confirmed.
    await signInAs(page, 'researcher@demo.local');
    await page.goto(`${eventUrl.replace(/\/events\//, '/workspace/events/')}/meetings`);
    const request = page.getByRole('listitem').filter({ hasText: '想了解无人机视觉导航的室内精度' });
    await request.getByRole('button', { name: '接受' }).click();
    await expect(request.getByText('已确认')).toBeVisible();
    await accessible(page);

    // The enterprise withdraws with a note: the confirmed meeting is cancelled, and it may register again.
    await signInAs(page, 'enterprise@demo.local');
    await page.goto(eventUrl);
    await page.getByRole('button', { name: '取消报名' }).click();
    const dialog = page.getByRole('dialog', { name: `取消报名：${EVENT}` });
    await dialog.getByLabel('说明（可选）').fill('项目延期，改日再约');
    await accessible(page);
    await dialog.getByRole('button', { name: '确认取消报名' }).click();
    await expect(page.getByText('您已取消报名。')).toBeVisible();
    await expect(page.getByRole('button', { name: '重新报名' })).toBeEnabled();
    // The researcher sees the meeting cancelled.
    await signInAs(page, 'researcher@demo.local');
    await page.goto(`${eventUrl.replace(/\/events\//, '/workspace/events/')}/meetings`);
    await expect(
      page
        .getByRole('listitem')
        .filter({ hasText: '想了解无人机视觉导航的室内精度' })
        .getByText('已取消', { exact: true }),
    ).toBeVisible();
  });
});
