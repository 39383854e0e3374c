import { expect, test } from '@playwright/test';
import { expectAccessible, fontsReady, saveScreenshot } from '../../support';

test.describe('signed out: landing, search hall, a listing', () => {
  test('the landing page shows the search box and the headline figures', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: '科技成果转化平台' })).toBeVisible();
    const listed = page.locator('.figure').filter({ hasText: '挂牌成果' });
    await expect(listed.locator('strong')).toHaveText(/^[1-9]\d*$/);
    await expect(page.getByRole('heading', { name: /最新挂牌成果/ })).toBeVisible();
    await expect(page.locator('.tile-title a').first()).toBeVisible();
    await fontsReady(page);
    await saveScreenshot(page, 'landing.zh');
    await expectAccessible(page);
  });

  test('a Chinese word finds a Chinese listing, with the match highlighted and the search in the URL', async ({
    page,
  }) => {
    await page.goto('/');
    await page.getByRole('searchbox', { name: '搜索关键词' }).fill('无人机');
    await page.getByRole('searchbox', { name: '搜索关键词' }).press('Enter');
    await expect(page).toHaveURL(/\/search\?q=%E6%97%A0%E4%BA%BA%E6%9C%BA/);
    const results = page.getByRole('region', { name: '搜索结果' });
    const title = results.getByRole('link', { name: '城市低空物流无人机航路规划与冲突消解系统' });
    await expect(title).toBeVisible();
    await expect(title.locator('mark').first()).toHaveText(/无人机/);
    await expect(page.getByTestId('result-count')).toHaveText(/共 \d+ 条结果/);
    await fontsReady(page);
    await saveScreenshot(page, 'search-hall.zh');
    await expectAccessible(page);

    // The URL is the search: opening it afresh gives the same results.
    const shared = page.url();
    await page.goto('/');
    await page.goto(shared);
    await expect(page.getByRole('link', { name: '城市低空物流无人机航路规划与冲突消解系统' })).toBeVisible();

    await page.getByRole('link', { name: '城市低空物流无人机航路规划与冲突消解系统' }).click();
    await expect(page).toHaveURL(/\/achievements\/[0-9a-f-]+$/);
    await expect(
      page.getByRole('heading', { level: 1, name: '城市低空物流无人机航路规划与冲突消解系统' }),
    ).toBeVisible();
    await expect(page.getByText('完成单位')).toBeVisible();
    await expectAccessible(page);
  });

  test('an English word finds an English listing', async ({ page }) => {
    await page.goto('/search?q=maintenance');
    const link = page
      .getByRole('region', { name: '搜索结果' })
      .getByRole('link', { name: 'Retrieval-augmented question answering over equipment maintenance manuals' });
    await expect(link).toBeVisible();
    await expect(link.locator('mark')).toHaveText(['maintenance']);
  });

  test('a facet narrows the results and stays in the URL; a page number too', async ({ page }) => {
    await page.goto('/search');
    const count = page.getByTestId('result-count');
    await expect(count).toHaveText(/共 \d+ 条结果/);
    const before = Number(/(\d+)/.exec((await count.textContent()) ?? '')?.[1]);
    await page.locator('.ant-pagination-item-2').click();
    await expect(page).toHaveURL(/[?&]page=2/);
    const facet = page.getByRole('complementary', { name: '筛选' }).getByRole('checkbox').first();
    const facetName = (await facet.locator('xpath=ancestor::label').textContent()) ?? '';
    await facet.click();
    await expect(page).toHaveURL(/[?&]industry=/);
    // A new filter starts again at the first page.
    expect(page.url()).not.toMatch(/[?&]page=/);
    await expect(page.getByRole('checkbox', { name: facetName })).toBeChecked();
    const shown = async () => Number(/共 (\d+) 条结果/.exec((await count.textContent()) ?? '')?.[1] ?? NaN);
    await expect.poll(shown).toBeLessThan(before);
    await expect.poll(shown).toBeGreaterThan(0);
    await expect(page.getByRole('region', { name: '搜索结果' }).getByRole('link').first()).toBeVisible();
  });

  test('the experts and demands tabs search those kinds', async ({ page }) => {
    await page.goto('/search?kind=experts');
    await expect(page.getByRole('tab', { name: '专家', selected: true })).toBeVisible();
    await expect(page.getByRole('region', { name: '搜索结果' }).getByRole('link').first()).toBeVisible();
    await page.getByRole('tab', { name: '需求' }).click();
    await expect(page).toHaveURL(/kind=demands/);
    await expect(page.getByRole('region', { name: '搜索结果' }).getByRole('link').first()).toBeVisible();
    await expectAccessible(page);
  });

  test('public notices are listed signed out, with sign-in offered for objections', async ({ page }) => {
    await page.goto('/notices');
    await expect(page.getByRole('heading', { level: 1, name: /公示/ })).toBeVisible();
    await expect(page.getByText(/以下成果正在公示赋权方案/)).toBeVisible();
    await expectAccessible(page);
  });
});
