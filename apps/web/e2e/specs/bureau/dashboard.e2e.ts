import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
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

async function gql<T>(request: APIRequestContext, query: string, variables: object, token?: string): Promise<T> {
  const response = await request.post('/graphql', {
    data: { query, variables },
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

/**
 * Registers a contract through the API as the demo broker: their seeded deal at CONTRACT_SIGNED is registered with
 * a registration number unique to this run (the dashboard's figures must then count it).
 */
async function registerContract(request: APIRequestContext, registrationNumber: string): Promise<void> {
  const { login } = await gql<{ login: { accessToken: string } }>(
    request,
    'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
    { input: { email: 'broker@demo.local', password: DEMO_PASSWORD } },
  );
  const { deals } = await gql<{ deals: { nodes: Array<{ id: string }> } }>(
    request,
    '{ deals(first: 20, stage: CONTRACT_SIGNED) { nodes { id } } }',
    {},
    login.accessToken,
  );
  expect(deals.nodes.length).toBeGreaterThan(0);
  await gql(
    request,
    'mutation($input: MoveDealInput!) { moveDeal(input: $input) { id stage } }',
    {
      input: {
        dealId: deals.nodes[0].id,
        stage: 'REGISTERED',
        registration: {
          registrationNumber,
          registrationAuthority: '明湖市技术市场管理办公室',
          contractType: 'TRANSFER',
          contractValueWan: 321.5,
          technicalIncomeWan: 300,
          // The seeded deal's price notice was for another amount: the registration says why.
          valueDifferenceReason: '合同另含技术服务与培训',
        },
      },
    },
    login.accessToken,
  );
}

test.describe('the bureau', () => {
  test('the dashboard counts a contract registered in the test; its table and CSV; the ledger; the queues', async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000); // five screens, two downloads and axe on each, on a shared 2-core machine
    const registrationNumber = `2026330106${String(Date.now()).slice(-6)}`;
    await registerContract(request, registrationNumber);

    await signInAs(page, 'admin@demo.local');
    await page.getByRole('link', { name: '科技局数据看板' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '科技局数据看板' })).toBeVisible();
    // The KPI card of 技术交易额 includes the 300 万元 just registered (today is in the default range).
    const income = page.locator('.ant-statistic').filter({ hasText: '技术交易额' });
    await expect(income).toBeVisible();
    const incomeValue = Number((await income.locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''));
    expect(incomeValue).toBeGreaterThanOrEqual(300);
    // The charts are SVG: the trend's points and the contract types' slices are drawn.
    await expect(page.getByRole('region', { name: '月度趋势' }).locator('[data-mark="point"]').first()).toBeVisible();
    await expect(page.getByRole('region', { name: '合同类型' }).locator('[data-mark="slice"]').first()).toBeVisible();
    await page.mouse.move(0, 0);
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'bureau-dashboard.zh');

    // The contract-type chart as a table: 技术转让 has the registered contract; its CSV opens in Excel.
    const types = page.getByRole('region', { name: '合同类型' });
    await types.getByText('表格').click();
    const transferRow = types.getByRole('row').filter({ hasText: '技术转让' });
    await expect(transferRow).toBeVisible();
    await expectAccessible(page);
    const download = page.waitForEvent('download');
    await types.getByRole('button', { name: /导出 CSV/ }).click();
    const file = readFileSync(await (await download).path());
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = file.subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe('合同类型,登记合同,合同成交额,技术交易额,占比');
    const transfer = csv.split('\r\n').find((line) => line.startsWith('技术转让,'));
    expect(transfer).toBeDefined();
    expect(Number(transfer!.split(',')[2])).toBeGreaterThanOrEqual(321.5);

    // The ledger lists the contract with its office; its CSV has the BOM, Chinese headers and the row.
    await page.getByRole('navigation', { name: '科技局' }).getByRole('link', { name: '合同登记台账' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '技术合同登记台账' })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: registrationNumber });
    await expect(row).toBeVisible();
    await expect(row.getByText('明湖市技术市场管理办公室')).toBeVisible();
    await expectAccessible(page);
    const ledgerDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: /导出 CSV/ }).click();
    const ledger = readFileSync(await (await ledgerDownload).path());
    expect([...ledger.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const ledgerText = ledger.subarray(3).toString('utf8');
    expect(ledgerText.startsWith('登记机构,登记号,登记日期,')).toBe(true);
    expect(ledgerText).toContain(`明湖市技术市场管理办公室,${registrationNumber},`);
    expect(ledgerText).toContain(',技术转让,321.5,300,');

    // The verification queues and the queue screen are reachable and accessible.
    await page.getByRole('navigation', { name: '科技局' }).getByRole('link', { name: '认证审核' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '认证审核' })).toBeVisible();
    await expect(page.getByRole('tab', { name: '机构认证' })).toBeVisible();
    // The seeded request (scripts/seed-verification.ts) shows its evidence; a rejection needs a reason; approve it.
    const organisation = '青禾智能装备有限公司';
    const card = page.locator('.ant-card').filter({ has: page.getByRole('heading', { level: 3, name: organisation }) });
    await expect(card.getByText('湖州青禾智能装备有限公司')).toBeVisible();
    await expect(card.getByText(/营业执照副本/)).toBeVisible();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    await card.getByRole('button', { name: `驳回: ${organisation}` }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('驳回理由（申请人可见）')).toBeVisible();
    await expectAccessible(page);
    await dialog.getByRole('button', { name: /驳\s?回/ }).click();
    await expect(dialog.getByText('驳回必须填写理由')).toBeVisible();
    await dialog.getByRole('button', { name: /取\s?消/ }).click();
    await card.getByRole('button', { name: `通过: ${organisation}` }).click();
    await expect(page.getByText(`已认证：${organisation}`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 3, name: organisation })).toHaveCount(0);
    await expect(page.getByText('没有待审核的机构认证申请')).toBeVisible();
    await page.getByRole('tab', { name: '经纪人资格' }).click();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    // The enterprise just verified is found by part of its name and recorded as state-owned (it may post scenarios).
    await page.getByRole('tab', { name: '国有企业认定' }).click();
    await page.getByRole('searchbox', { name: '按名称筛选' }).fill('青禾智能');
    await page.getByRole('searchbox', { name: '按名称筛选' }).press('Enter');
    const stateOwned = page.getByRole('checkbox', { name: `${organisation}: 国有企业（可发布应用场景）` });
    await expect(stateOwned).not.toBeChecked();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    // Controlled by the saved value: it turns checked once the bureau's change is saved.
    await stateOwned.click();
    await expect(page.getByText('已更新国有企业认定')).toBeVisible();
    await expect(stateOwned).toBeChecked();
    await page.getByRole('navigation', { name: '科技局' }).getByRole('link', { name: '任务队列' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '任务队列' })).toBeVisible();
    await expect(page.getByRole('button', { name: '打开队列看板' })).toBeVisible();
    await expectAccessible(page);

    // In English: the dashboard's labels and the ledger CSV headers follow the language.
    await page.getByRole('button', { name: /English/ }).click();
    await page.goto('/workspace/bureau');
    await expect(page.getByRole('heading', { level: 1, name: 'Bureau dashboard' })).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Monthly trend' }).locator('[data-mark="point"]').first(),
    ).toBeVisible();
    await page.mouse.move(0, 0);
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'bureau-dashboard.en');
  });
});
