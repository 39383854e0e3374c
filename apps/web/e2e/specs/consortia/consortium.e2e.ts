import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, saveScreenshot } from '../../support';

/** The consortium of scripts/seed-consortia.ts: 翼展航空 leads, 明湖理工大学 joined, 低空经济产业创新研究院 invited. */
const CONSORTIUM = '低空物流创新联合体';
const INSTITUTE = '低空经济产业创新研究院';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

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

test.describe('innovation consortia', () => {
  test('the invited institute accepts; the lead uses the members-only space; the bureau recognises it and reads its outputs', async ({
    page,
  }) => {
    test.setTimeout(120_000);

    // The institute's administrator (its TTO officer) accepts the invitation.
    await signInAs(page, 'rd@demo.local');
    await page.getByRole('link', { name: '联合体邀请' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '创新联合体邀请' })).toBeVisible();
    const card = page.locator('.ant-card').filter({ hasText: CONSORTIUM });
    await expect(card.getByText(`邀请 ${INSTITUTE} 以「协同」身份加入`)).toBeVisible();
    await accessible(page);
    await card.getByRole('button', { name: '接受' }).click();
    await expect(page.getByText('暂无待答复的邀请')).toBeVisible();

    // The lead enterprise: members with roles, the space's milestones and documents.
    await signInAs(page, 'enterprise@demo.local');
    await page.getByRole('link', { name: '创新联合体', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: '创新联合体' })).toBeVisible();
    await page.getByRole('link', { name: CONSORTIUM }).click();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(CONSORTIUM) })).toBeVisible();
    const instituteRow = page.getByRole('row').filter({ hasText: INSTITUTE });
    await expect(instituteRow.getByText('协同')).toBeVisible();
    await expect(instituteRow.getByText('已加入')).toBeVisible();
    await expect(page.getByText('视觉导航样机联调')).toBeVisible();
    await page.getByLabel('里程碑', { exact: true }).fill('示范航线试运行');
    await page.getByLabel('计划日期').fill('2027-09-30');
    await page.getByRole('button', { name: '添加里程碑' }).click();
    await expect(page.getByText('示范航线试运行')).toBeVisible();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '联合体协议.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect(page.getByText(/联合体协议\.pdf/)).toBeVisible();
    // The lead reads the space's access log: its own reads are in it.
    await page.reload();
    const log = page.locator('.ant-card').filter({ hasText: '成员空间访问记录' });
    await expect(log.getByRole('row').filter({ hasText: '查看里程碑' }).first()).toBeVisible();
    await expect(log.getByRole('row').filter({ hasText: '翼展航空 张工' }).first()).toBeVisible();
    await accessible(page);
    await expect(page.locator('.ant-message-notice')).toHaveCount(0);
    await saveScreenshot(page, 'consortium-space.zh');

    // The bureau recognises the consortium and reads its outputs.
    await signInAs(page, 'admin@demo.local');
    await page.getByRole('link', { name: '创新联合体', exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: '创新联合体认定与成效' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: CONSORTIUM });
    await row.getByRole('button', { name: '认定' }).click();
    await page.getByRole('button', { name: '确认认定' }).click();
    await expect(row.getByText('已认定')).toBeVisible();
    await row.getByRole('button', { name: /展开|Expand/ }).click();
    await expect(page.getByText('合同金额合计')).toBeVisible();
    await expect(page.getByText('关联的成果与需求')).toBeVisible();
    await accessible(page);
    await expect(page.locator('.ant-message-notice')).toHaveCount(0);
    await saveScreenshot(page, 'consortium-bureau.zh');
  });
});
