import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, fontsReady, saveScreenshot } from '../../support';
import { gql, tokenOf } from '../../support-api';

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

/** The TTO's notice period for its institution, set on the rights-settings screen. */
async function setNoticePeriod(page: Page, amount: number, unit: '秒' | '天'): Promise<void> {
  await page.goto('/workspace/office/settings');
  await expect(page.getByRole('heading', { level: 1, name: '技术转移办公室 · 明湖理工大学' })).toBeVisible();
  await expect(page.getByLabel('公示期长度')).not.toHaveValue('');
  await page.getByLabel('公示期长度').fill(String(amount));
  await page.getByRole('combobox', { name: '单位' }).click();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${unit}$`) })
    .click();
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByText('设置已保存')).toBeVisible();
  // The button is faded while it saves (not disabled, so axe would count its contrast): wait until it is back.
  await expect(page.getByRole('button', { name: '保存设置' })).not.toHaveClass(/ant-btn-loading/);
}

/** A minimal PDF: the server checks the type by the bytes, not the name. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

test.describe('rights confirmation', () => {
  test('filed, returned with a reason, edited and resubmitted; approved, noticed, confirmed, listed and found', async ({
    page,
    request,
  }) => {
    test.setTimeout(420_000);
    const title = `端到端测试成果 ${Date.now()}`;
    const reason = '缺少完成人签字的同意书，请补充后重新提交';

    // The bureau lets institutions run short notices on this test database (as the API tests do); the TTO then
    // sets its own to 20 seconds on the rights-settings screen.
    const admin = await tokenOf(request, 'admin@demo.local');
    await gql(
      request,
      'mutation { updatePlatformSettings(input: { minPublicNoticeSeconds: 1 }) { minPublicNoticeSeconds } }',
      {},
      admin,
    );
    await signInAs(page, 'tto@demo.local');
    await setNoticePeriod(page, 20, '秒');
    await expectAccessible(page);

    // The researcher files an achievement through the four steps (it saves itself as a draft) and submits it.
    await signInAs(page, 'researcher@demo.local');
    await page.getByRole('link', { name: '我的成果' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: '我的成果' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: '登记新成果' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '成果登记' })).toBeVisible();
    await page.getByLabel('成果名称').fill(title);
    await page.getByLabel('成果简介（公开）').fill('一种低功耗的水质在线监测传感器，适用于农村供水管网。');
    await expect(page.getByTestId('autosave-status')).toHaveText(/已自动保存/);
    await page.mouse.move(0, 0); // no hovered step in the screenshot
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'filing-form.zh');
    await page.getByRole('button', { name: /下一步/ }).click();
    await page.getByLabel('技术内容（保密）').fill('基于电化学阻抗谱的多参数检测方法，功耗低于 5 mW。');
    await page.getByLabel('转化实施方案').fill('优先许可给本省水务设备企业，提供两年技术服务。');
    await page.getByRole('button', { name: /下一步/ }).click();
    await page.getByRole('checkbox', { name: '许可' }).check();
    // Attachments: a file that is not what its name says is refused by the server; a real PDF is kept.
    const fileInput = page.locator('input[type=file]');
    await fileInput.setInputFiles({ name: '伪装.pdf', mimeType: 'application/pdf', buffer: Buffer.from('just text') });
    await expect(page.getByRole('alert').filter({ hasText: '伪装.pdf 未能上传' })).toBeVisible();
    await fileInput.setInputFiles({ name: '检测报告.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(page.getByRole('button', { name: '下载 检测报告.pdf' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: /下一步/ }).click();
    await page.getByLabel('团队所有权比例').fill('70');
    await page.getByLabel('团队所有权比例').blur();
    await expectAccessible(page);
    await page.getByRole('button', { name: '提交确权' }).click();
    await expect(page).toHaveURL(/\/workspace\/achievements\/[0-9a-f-]{36}$/);
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 }).getByText('审核中')).toBeVisible();
    await expect(page.getByRole('button', { name: '检测报告.pdf' })).toBeVisible();
    await expectAccessible(page);

    // The TTO officer finds it in the queue and returns it; a return without a reason is refused.
    await signInAs(page, 'tto@demo.local');
    await page.getByRole('link', { name: '确权审核工作台' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '技术转移办公室工作台' })).toBeVisible();
    await page.getByRole('button', { name: title }).click();
    await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
    await expect(page.getByText('已于').first()).toBeVisible();
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'tto-review-queue.zh');
    await page.getByRole('button', { name: /^退\s?回$/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^退\s?回$/ }).click();
    await expect(dialog.getByText('退回必须填写理由')).toBeVisible();
    await dialog.getByLabel('退回理由（申请人可见）').fill(reason);
    await dialog.getByRole('button', { name: /^退\s?回$/ }).click();
    await expect(page.getByText('已退回申请人')).toBeVisible();
    await expect(page.getByRole('button', { name: title })).toHaveCount(0);

    // The researcher sees it returned, with the reason; filters 我的成果 by stage; edits the draft and resubmits.
    await signInAs(page, 'researcher@demo.local');
    await page.goto('/workspace/achievements');
    await page.getByRole('group', { name: '按状态筛选' }).getByText('审核中').click();
    await expect(page).toHaveURL(/stage=IN_REVIEW/);
    await expect(page.locator('.ant-list-item').filter({ hasText: title })).toHaveCount(0);
    await page.getByRole('group', { name: '按状态筛选' }).getByText('草稿').click();
    const item = page.locator('.ant-list-item').filter({ hasText: title });
    await expect(item.getByText('已退回', { exact: true })).toBeVisible();
    await expect(item.getByText(reason)).toBeVisible();
    await item.getByRole('link', { name: title }).click();
    await expect(page.getByText('审核退回，修改后可重新提交')).toBeVisible();
    await expect(page.getByText(reason).first()).toBeVisible();
    await expect(page.getByRole('button', { name: '重新提交' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: '编辑草稿' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '编辑成果草稿' })).toBeVisible();
    await expect(page.getByLabel('成果名称')).toHaveValue(title);
    await page.getByLabel('成果简介（公开）').fill('一种低功耗的水质在线监测传感器，附全体完成人签字的同意书。');
    await expect(page.getByTestId('autosave-status')).toHaveText(/已自动保存/);
    await page.getByRole('button', { name: /下一步/ }).click();
    await page.getByRole('button', { name: /下一步/ }).click();
    await expect(page.getByRole('button', { name: '下载 检测报告.pdf' })).toBeVisible();
    await page.getByRole('button', { name: /下一步/ }).click();
    await expect(page.getByLabel('团队所有权比例')).toHaveValue(/70/);
    await page.getByRole('button', { name: '提交确权' }).click();
    await expect(page.getByRole('heading', { level: 1 }).getByText('审核中')).toBeVisible();

    // The TTO approves both review stages (department, then its own); the notice starts.
    await signInAs(page, 'tto@demo.local');
    await page.goto('/workspace/reviews');
    const queued = page.locator('.ant-list-item').filter({ has: page.getByRole('button', { name: title }) });
    for (const next of ['院系审核', '技术转移办公室审核', null]) {
      await page.getByRole('button', { name: title }).click();
      await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
      await page.getByRole('button', { name: /^审核通过$/ }).click();
      if (next) await expect(queued.getByText(next, { exact: true })).toBeVisible();
      else await expect(queued).toHaveCount(0);
    }
    await page.getByRole('link', { name: '处理异议' }).click();
    await expect(page.getByRole('tab', { name: '公示与异议', selected: true })).toBeVisible();
    await expectAccessible(page);
    // Back to the usual 15 days for the next notices (this one keeps its window).
    await setNoticePeriod(page, 15, '天');

    // When the notice has run, the TTO records the agreement, confirms the rights and lists it.
    await page.getByRole('tab', { name: '本单位成果' }).click();
    const row = page.locator('.ant-list-item').filter({ hasText: title });
    await expect(async () => {
      await page.getByRole('tab', { name: '成员申请' }).click();
      await page.getByRole('tab', { name: '本单位成果' }).click();
      await expect(row.getByRole('button', { name: '签订赋权协议' })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 90_000 });
    await expect(row.getByRole('list', { name: '挂牌质量检查' })).toContainText('转化路径');
    await expectAccessible(page);
    for (const [action, after] of [
      ['签订赋权协议', '确认赋权'],
      ['确认赋权', '挂牌'],
      ['挂牌', null],
    ] as const) {
      // The row re-renders when the office's lists refetch after the previous step; a confirmation opened just
      // before that closes with it (or its button is not clickable yet): open and confirm until the step is done.
      const confirm = page.getByRole('tooltip').getByRole('button', { name: /^确\s?定$/ });
      const done = async () =>
        after ? row.getByRole('button', { name: after }).isVisible() : (await row.count()) === 0;
      await expect(async () => {
        if (await done()) return;
        if (!(await confirm.isVisible())) await row.getByRole('button', { name: action }).click({ timeout: 5_000 });
        await confirm.click({ timeout: 5_000 });
        await expect.poll(done, { timeout: 10_000 }).toBe(true);
      }).toPass({ timeout: 90_000 });
    }
    await page.getByText('已挂牌', { exact: true }).first().click();
    await expect(row.getByRole('link', { name: title })).toBeVisible();
    const download = page.waitForEvent('download');
    await row.getByRole('button', { name: `导出《${title}》的证据记录` }).click();
    expect((await download).suggestedFilename()).toMatch(/^证据记录-.*\.json$/);

    // The team sees it listed, with the matching demands and their reasons (or that there are none yet).
    await signInAs(page, 'researcher@demo.local');
    await page.goto('/workspace/achievements?stage=LISTED');
    await page.locator('.ant-list-item').filter({ hasText: title }).getByRole('link', { name: title }).click();
    await expect(page.getByRole('heading', { level: 1 }).getByText('已挂牌')).toBeVisible();
    await expect(page.getByText('匹配的需求与意向')).toBeVisible();
    await expectAccessible(page);

    // Signed out, the search hall finds it once the index has caught up.
    await page.evaluate(() => localStorage.clear());
    await expect(async () => {
      await page.goto(`/search?q=${encodeURIComponent('端到端测试成果')}`);
      await expect(page.getByRole('region', { name: '搜索结果' }).getByRole('link', { name: title })).toBeVisible({
        timeout: 3_000,
      });
    }).toPass({ timeout: 60_000 });
  });

  test('the TTO decides membership requests (a rejection needs a reason); the researcher keeps an expert profile', async ({
    page,
    request,
  }) => {
    const stamp = Date.now();
    const tto = await tokenOf(request, 'tto@demo.local');
    const me = await gql<{ me: { memberships: Array<{ role: string; organisation: { id: string } }> } }>(
      request,
      '{ me { memberships { role organisation { id } } } }',
      {},
      tto,
    );
    const organisationId = me.me.memberships.find((m) => m.role === 'TTO_OFFICER')!.organisation.id;
    for (const who of ['甲', '乙']) {
      await gql(request, 'mutation R($input: RegisterInput!) { register(input: $input) { __typename } }', {
        input: {
          displayName: `申请人${who} ${stamp}`,
          email: `applicant-${who === '甲' ? 'a' : 'b'}-${stamp}@example.test`,
          password: DEMO_PASSWORD,
          role: 'RESEARCHER',
          organisationId,
        },
      });
    }
    await signInAs(page, 'tto@demo.local');
    await page.getByRole('link', { name: '成员申请' }).click();
    await expect(page.getByRole('tab', { name: '成员申请', selected: true })).toBeVisible();
    await expect(page.getByText(`申请人甲 ${stamp}`)).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: `批准 申请人甲 ${stamp} 的申请` }).click();
    await expect(page.getByText(`申请人甲 ${stamp}`)).toHaveCount(0);
    await page.getByRole('button', { name: `拒绝 申请人乙 ${stamp} 的申请` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: /^拒\s?绝$/ }).click();
    await expect(dialog.getByText('拒绝必须填写理由')).toBeVisible();
    await dialog.getByLabel('拒绝理由（申请人可见）').fill('不是本校在职人员');
    await dialog.getByRole('button', { name: /^拒\s?绝$/ }).click();
    await expect(page.getByText(`申请人乙 ${stamp}`)).toHaveCount(0);

    // The researcher's expert profile: saved, then taken out of the hall.
    await signInAs(page, 'researcher@demo.local');
    await page.getByRole('link', { name: '我的专家档案' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /我的专家档案/ })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel('简介').fill('长期从事水质传感与环境监测研究。');
    await page.getByRole('button', { name: /^保\s?存$/ }).click();
    await expect(page.getByText('专家档案已保存')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 }).getByText('已公开')).toBeVisible();
    await page.getByRole('switch', { name: '在成果大厅公开' }).click();
    await page.getByRole('button', { name: /^保\s?存$/ }).click();
    await expect(page.getByRole('heading', { level: 1 }).getByText('未公开')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('简介')).toHaveValue('长期从事水质传感与环境监测研究。');
    await expect(page.getByRole('switch', { name: '在成果大厅公开' })).not.toBeChecked();
  });
});
