import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, fontsReady, saveScreenshot } from '../../support';

/** The app in English from the first paint (the language switch keeps its choice in localStorage). */
async function inEnglish(page: Page): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('tt.language', 'en'));
}

async function signInAs(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.locator('form').getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/workspace$/);
  await expect(page.getByRole('heading', { level: 1, name: /Hello/ })).toBeVisible();
  await page.waitForLoadState('networkidle');
}

test.describe('in English (screenshots for the README)', () => {
  test('landing, search hall (searching as you type), filing form and the TTO review queue', async ({ page }) => {
    await inEnglish(page);
    await page.goto('/');
    await expect(page.locator('.tile-title a').first()).toBeVisible();
    await fontsReady(page);
    await saveScreenshot(page, 'landing.en');
    await expectAccessible(page);

    // Typing alone searches (no Enter): the results follow the box, and the URL follows the results.
    await page.goto('/search');
    await page.getByRole('searchbox').pressSequentially('maintenance', { delay: 30 });
    const results = page.getByRole('region', { name: 'Search results' });
    await expect(
      results.getByRole('link', { name: 'Retrieval-augmented question answering over equipment maintenance manuals' }),
    ).toBeVisible();
    await expect(page).toHaveURL(/q=maintenance/);
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-query', 'maintenance');
    await fontsReady(page);
    await saveScreenshot(page, 'search-hall.en');
    await expectAccessible(page);

    await signInAs(page, 'researcher@demo.local');
    await page.goto('/workspace/achievements/new');
    await expect(page.getByRole('heading', { level: 1, name: 'File an achievement' })).toBeVisible();
    await page.getByLabel('Title', { exact: true }).fill('Low-power water-quality sensor for rural supply networks');
    await page
      .getByLabel('Summary (public)')
      .fill('An electrochemical sensor that monitors six water-quality parameters online at under 5 mW.');
    await page.mouse.move(0, 0);
    await fontsReady(page);
    await saveScreenshot(page, 'filing-form.en');
    await expectAccessible(page);

    await page.evaluate(() => localStorage.removeItem('tt.session'));
    await signInAs(page, 'tto@demo.local');
    await page.goto('/workspace/reviews');
    await expect(page.getByRole('heading', { level: 1, name: 'Tech-transfer office workbench' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    await page.mouse.move(0, 0);
    await fontsReady(page);
    await saveScreenshot(page, 'tto-review-queue.en');
    await expectAccessible(page);
  });
});
