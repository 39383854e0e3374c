import { readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { gql, tokenOf } from '../../support-api';
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

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

async function upload(request: APIRequestContext, token: string, name: string): Promise<string> {
  const response = await request.post('/files', {
    headers: { authorization: `Bearer ${token}` },
    multipart: { file: { name, mimeType: 'application/pdf', buffer: PDF } },
  });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

interface Draft {
  id: string;
  prefillJson: string;
  proposedAmountWan: number;
  ruleVersion: { terms: { requiredEvidence: string[] } };
}

/**
 * The applicant's part, through the API as the TTO of 明湖理工大学: the seeded draft (raised by the worker for the
 * demo contract in the district) gets its required evidence and is submitted.
 */
async function submitSeededDraft(request: APIRequestContext): Promise<{ id: string; title: string; proposed: number }> {
  const token = await tokenOf(request, 'tto@demo.local');
  let drafts: Draft[] = [];
  // The worker raises the draft from the seed's intake job: wait for it (no fixed sleep).
  await expect
    .poll(
      async () => {
        const data = await gql<{ rewardApplications: { nodes: Draft[] } }>(
          request,
          `{ rewardApplications(first: 20, status: DRAFT) { nodes { id prefillJson proposedAmountWan
             ruleVersion { terms { requiredEvidence } } } } }`,
          {},
          token,
        );
        drafts = data.rewardApplications.nodes;
        return drafts.length;
      },
      { timeout: 60_000 },
    )
    .toBeGreaterThan(0);
  const draft = drafts[0];
  const evidence = [];
  for (const label of draft.ruleVersion.terms.requiredEvidence)
    evidence.push({ fileId: await upload(request, token, `${label}.pdf`), label });
  await gql(
    request,
    'mutation($input: UpdateRewardApplicationInput!) { updateRewardApplication(input: $input) { id } }',
    { input: { applicationId: draft.id, evidence, applicantNote: '合同已登记，材料齐全' } },
    token,
  );
  await gql(request, 'mutation($id: ID!) { submitRewardApplication(id: $id) { id status } }', { id: draft.id }, token);
  const title = (JSON.parse(draft.prefillJson) as { achievement: { title: string } }).achievement.title;
  return { id: draft.id, title, proposed: draft.proposedAmountWan };
}

test.describe('the bureau’s programmes', () => {
  test('reviews a reward application: the queue, the prefilled records and evidence, approve, record payment, totals', async ({
    page,
    request,
  }) => {
    test.setTimeout(180_000);
    const application = await submitSeededDraft(request);
    await signInAs(page, 'admin@demo.local');
    await page.goto('/workspace/bureau/rewards');
    await expect(page.getByRole('heading', { level: 1, name: '赋权成果转化奖励' })).toBeVisible();
    // The queue shows submitted applications by default.
    const row = page.getByRole('row').filter({ hasText: application.title });
    await expect(row).toBeVisible();
    await expect(row.getByText('待审核')).toBeVisible();
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'programmes-reward-queue.zh');

    await row.getByRole('link', { name: application.title }).click();
    await expect(page).toHaveURL(new RegExp(`/workspace/rewards/${application.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(application.title);
    await expect(page.getByText('平台记录（自动带入）')).toBeVisible();
    await expect(page.getByText('技术合同.pdf')).toBeVisible();
    await expect(page.getByText('赋权协议.pdf')).toBeVisible();
    await expect(page.getByText('合同已登记，材料齐全')).toBeVisible();
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'programmes-reward-review.zh');
    // The same review in English (the language switch keeps its choice), then back to Chinese.
    await page.getByRole('button', { name: /English/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Reward application: ${application.title}`);
    await expect(page.getByText('Platform records (prefilled)')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Approve', exact: true })).toBeVisible();
    await page.mouse.move(0, 0);
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'programmes-reward-review.en');
    await page.getByRole('button', { name: /中文/ }).click();
    await expect(page.getByText('平台记录（自动带入）')).toBeVisible();

    // Approve with an amount below the computed one, with a comment.
    await page.getByRole('button', { name: '批准', exact: true }).click();
    const approveDialog = page.getByRole('dialog', { name: '批准奖励' });
    await expect(approveDialog.getByLabel('批准金额（万元）')).toHaveValue(String(application.proposed));
    await approveDialog.getByLabel('批准金额（万元）').fill('12');
    await approveDialog.getByLabel('审核意见').fill('按技术性收入凭证核定');
    await approveDialog.getByRole('button', { name: '批准' }).click();
    await expect(page.getByRole('heading', { level: 1 }).getByText('已批准')).toBeVisible();
    await expect(page.getByText('审核意见：按技术性收入凭证核定')).toBeVisible();

    // Record the payment.
    await page.getByRole('button', { name: '登记拨付' }).click();
    const payDialog = page.getByRole('dialog', { name: '登记拨付' });
    await expect(payDialog.getByLabel('拨付金额（万元）')).toHaveValue('12');
    await payDialog.getByLabel('凭证号').fill('QJ-2026-118');
    await payDialog.getByRole('button', { name: '登记拨付' }).click();
    await expect(page.getByRole('heading', { level: 1 }).getByText('已拨付')).toBeVisible();
    await expect(page.getByText(/拨付：12 万元.*QJ-2026-118/)).toBeVisible();
    await expect(page.getByText('拨付', { exact: true }).first()).toBeVisible();

    // Totals by institution count the approval and the payment.
    await page.goto('/workspace/bureau/rewards?tab=totals');
    await page.getByText('按单位').click();
    const totals = page.getByRole('row').filter({ hasText: '明湖理工大学' });
    await expect(totals).toBeVisible();
    await expect(totals.getByRole('cell').nth(5)).toHaveText('12');
    await expect(totals.getByRole('cell').nth(6)).toHaveText('12');
    await expectAccessible(page);

    // The rules: the seeded version, read as policy.
    await page.getByRole('tab', { name: '奖励办法' }).click();
    await expect(page.getByText('示范区赋权成果转化奖励办法（试行）')).toBeVisible();
    await expect(page.getByText('技术性收入的 10%')).toBeVisible();
    await expectAccessible(page);
  });

  test('an evaluation’s results: verify a report’s self-reported items, compute, rank and tier, CSV and PDF, publish', async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await signInAs(page, 'admin@demo.local');
    await page.goto('/workspace/bureau/evaluation');
    await expect(page.getByRole('heading', { level: 1, name: '新型研发机构绩效评价' })).toBeVisible();
    // The reports tab: one report verified in the seed, the other waiting with four self-reported items.
    const pending = page.locator('.ant-card').filter({ hasText: '明湖智能制造研究院' });
    await expect(pending.getByText('待核验', { exact: true }).first()).toBeVisible();
    await expect(pending.getByText('自报指标 4 项：已核验 0，未通过 0，待核验 4')).toBeVisible();
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'programmes-evaluation-reports.zh');
    // Reject one with a note, verify the others.
    await pending.getByRole('button', { name: '不通过: 明湖智能制造研究院 授权发明专利数' }).click();
    const dialog = page.getByRole('dialog', { name: '不通过：授权发明专利数' });
    await dialog.getByLabel('核验说明').fill('专利证书与名单不符');
    await dialog.getByRole('button', { name: '不通过' }).click();
    await expect(pending.getByText('专利证书与名单不符')).toBeVisible();
    for (const label of ['孵化引进企业数', '硕士以上研发人员数', '营业收入（万元）']) {
      await pending.getByRole('button', { name: `核验通过: 明湖智能制造研究院 ${label}` }).click();
      await expect(pending.getByRole('row').filter({ hasText: label }).getByText('已核验')).toBeVisible();
    }
    await expect(pending.getByText('自报指标 4 项：已核验 3，未通过 1，待核验 0')).toBeVisible();

    // Results: compute, two institutions ranked with scores and tiers; the rejected item counts as missing.
    await page.getByRole('tab', { name: '评价结果' }).click();
    await page.getByRole('button', { name: '计算结果' }).click();
    const results = page.getByRole('tabpanel', { name: '评价结果' });
    await expect(results.getByRole('row').filter({ hasText: '低空经济产业创新研究院' })).toBeVisible();
    const smart = results.getByRole('row').filter({ hasText: '明湖智能制造研究院' });
    await expect(smart).toBeVisible();
    await expect(smart).toContainText('授权发明专利数');
    await expect(
      results.getByRole('row').filter({ hasText: '低空经济产业创新研究院' }).getByRole('cell').nth(1),
    ).toHaveText('1');
    await expect(smart.getByRole('cell').nth(1)).toHaveText('2');
    await expect(page.getByText('未发布（仅科技局可见）')).toBeVisible();
    // The pointer off the button just clicked (its hover colour is not the page's), and the confirmations of the
    // verifications above gone before the screenshot.
    await page.mouse.move(0, 0);
    await expect(page.locator('.ant-message-notice')).toHaveCount(0);
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'programmes-evaluation-results.zh');
    // The results in English, then back to Chinese for the downloads and publishing.
    await page.getByRole('button', { name: /English/ }).click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'New R&D institution performance evaluation' }),
    ).toBeVisible();
    const resultsEn = page.getByRole('tabpanel', { name: 'Results' });
    await expect(resultsEn.getByRole('row').filter({ hasText: '明湖智能制造研究院' })).toBeVisible();
    await expect(page.getByText('Not published (the bureau only)')).toBeVisible();
    await page.mouse.move(0, 0);
    await fontsReady(page);
    await expectAccessible(page);
    await saveScreenshot(page, 'programmes-evaluation-results.en');
    await page.getByRole('button', { name: /中文/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: '新型研发机构绩效评价' })).toBeVisible();

    // The downloads: a CSV with a BOM and the institutions' names, a PDF.
    const csvDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 CSV' }).click();
    const csv = readFileSync(await (await csvDownload).path());
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.toString('utf8')).toContain('明湖智能制造研究院');
    const pdfDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载 PDF 报告' }).click();
    const pdf = await pdfDownload;
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(
      readFileSync(await pdf.path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // Publish: confirmed, then locked (no compute or publish any more).
    await page.getByRole('button', { name: '发布结果' }).click();
    await page.getByRole('dialog').getByRole('button', { name: '发布结果' }).click();
    await expect(page.getByText(/^发布于/)).toBeVisible();
    await expect(page.getByRole('button', { name: '计算结果' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: '发布结果' })).toHaveCount(0);
    await expectAccessible(page);
  });
});
