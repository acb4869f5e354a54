import type { Browser, Page } from 'playwright-core';
import {
  NO_PROBLEMS,
  launchBrowser,
  openTrackedPage,
  screenshot as saveScreenshot,
  signUpThroughPage,
} from './support/browser';
import type { TrackedPage } from './support/browser';
import { mailSnapshot, waitForMail } from './support/mail';
import { stripedPng } from './support/png';

// From the library to a generation and back: a character with two uploaded images, a template,
// a recipe using both, run from the recipe page; then the result's provenance, "what used this
// image?", and running it again exactly.
let browser: Browser;
let main: TrackedPage;

const account = {
  name: 'Mira Fan',
  email: `library.${Date.now()}@example.com`,
  password: 'characters templates and recipes',
};

beforeAll(async () => {
  browser = await launchBrowser();
  main = await openTrackedPage(browser, { viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  await main?.context.close();
  await browser?.close();
});

async function screenshot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await saveScreenshot(page, name);
}

const GENERATION_PATH = /^\/history\/[0-9a-f-]{36}$/;

describe('the library in the browser', () => {
  it('runs a recipe with a character and a template, and shows where the result came from', async () => {
    const { page, problems } = main;

    await page.goto('/sign-up');
    const before = await mailSnapshot();
    await signUpThroughPage(page, account);
    await page.waitForURL((url) => url.pathname === '/');
    const { link } = await waitForMail(account.email, '/verify-email?token=', before);
    await page.goto(link);
    await page.getByRole('heading', { level: 1, name: 'Email address confirmed' }).waitFor();

    // A character with a trait and two reference images, uploaded from the form.
    await page.goto('/library/characters/new');
    const character = page.getByRole('form', { name: 'New character' });
    await character.getByRole('textbox', { name: 'Name' }).fill('Mira');
    await character
      .getByRole('textbox', { name: 'Description' })
      .fill('a courier with silver hair');
    await character.getByRole('button', { name: '+ outfit' }).click();
    await character.getByRole('textbox', { name: 'Trait 1 value' }).fill('a red raincoat');
    await page.getByTestId('persona-file-input').setInputFiles([
      { name: 'mira-front.png', mimeType: 'image/png', buffer: stripedPng(96, 64) },
      { name: 'mira-side.png', mimeType: 'image/png', buffer: stripedPng(64, 96) },
    ]);
    await character.getByRole('img', { name: 'Image 2' }).waitFor({ timeout: 15_000 });
    await character.getByRole('button', { name: 'Create character' }).click();
    await page.waitForURL((url) => /^\/library\/characters\/[0-9a-f-]{36}$/.test(url.pathname));

    // A template with a variable of its own and the character's name.
    await page.goto('/library/templates/new');
    const template = page.getByRole('form', { name: 'Template' });
    await template.getByRole('textbox', { name: 'Name' }).fill('Market scene');
    await template
      .getByRole('textbox', { name: 'Text' })
      .fill('{{character.name}} in a {{mood}} night market');
    await template.getByRole('button', { name: 'Declare mood' }).click();
    await template
      .getByRole('group', { name: /mood/ })
      .getByRole('textbox', { name: 'Default' })
      .fill('busy');
    await template.getByRole('button', { name: 'Save template' }).click();
    await page.waitForURL((url) => /^\/library\/templates\/[0-9a-f-]{36}$/.test(url.pathname));

    // A recipe using both.
    await page.goto('/library/recipes/new');
    const recipe = page.getByRole('form', { name: 'New recipe' });
    await recipe.getByRole('textbox', { name: 'Name' }).fill('Night market');
    await recipe.getByRole('radio', { name: /Use a template/ }).check();
    await recipe
      .getByRole('combobox', { name: 'Template' })
      .selectOption({ label: 'Market scene' });
    await recipe.getByRole('checkbox', { name: 'Mira' }).check();
    await recipe.getByText('Mira in a busy night market').waitFor();
    await recipe.getByRole('button', { name: 'Create recipe' }).click();
    await page.waitForURL((url) => /^\/library\/recipes\/[0-9a-f-]{36}$/.test(url.pathname));
    const recipePath = new URL(page.url()).pathname;

    // Run it from its page, with a value of this run's own.
    const run = page.getByRole('form', { name: 'Run the recipe' });
    await run.getByRole('textbox', { name: 'mood' }).fill('rainy');
    await run.getByRole('button', { name: 'Generate' }).click();
    await page
      .locator('[data-testid="live-generation"][data-status="SUCCEEDED"]')
      .waitFor({ timeout: 30_000 });
    await screenshot(page, 'library-recipe-run');
    await page.getByRole('link', { name: 'Generation details' }).click();
    await page.waitForURL((url) => GENERATION_PATH.test(url.pathname));
    const detailPath = new URL(page.url()).pathname;

    // Its provenance: the recipe and version, the template as used and its values, the
    // character as it was, the images with where they came from, and the prompt's parts.
    const provenance = page.getByRole('region', { name: 'Provenance' });
    await provenance.waitFor();
    const recipeFact = provenance.getByTestId('provenance-recipe');
    expect(await recipeFact.textContent()).toContain('Night market · version 1');
    expect(await recipeFact.getByRole('link', { name: 'Night market' }).getAttribute('href')).toBe(
      recipePath,
    );
    const templateFact = provenance.getByTestId('provenance-template');
    expect(await templateFact.textContent()).toContain('Market scene');
    expect(await templateFact.getByLabel('Template text as used').textContent()).toBe(
      '{{character.name}} in a {{mood}} night market',
    );
    expect(await templateFact.locator('.provenance-variables').textContent()).toBe('moodrainy');
    expect(await provenance.getByTestId('provenance-base-prompt').textContent()).toBe(
      'Mira in a rainy night market',
    );
    expect(await provenance.getByTestId('provenance-added-context').textContent()).toBe(
      'Mira: a courier with silver hair; outfit: a red raincoat',
    );
    const mira = provenance.getByTestId('provenance-entry');
    expect(await mira.count()).toBe(1);
    expect(await mira.textContent()).toContain('a courier with silver hair');
    expect(await mira.textContent()).toContain('2 reference images then');
    expect(await mira.textContent()).not.toMatch(/since/);
    const images = provenance.getByTestId('provenance-reference');
    expect(await images.count()).toBe(2);
    for (const index of [0, 1]) {
      const row = images.nth(index);
      expect(await row.textContent()).toContain('Character: Mira');
      expect(await row.getAttribute('data-sent')).toBe('true');
      expect(await row.locator('code').textContent()).toMatch(/^[0-9a-f]{12}$/);
    }
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll<HTMLImageElement>('main img')).every(
        (image) => image.complete && image.naturalWidth > 0,
      ),
    );
    await screenshot(page, 'library-provenance');

    // History names the recipe and the character on the card.
    await page.getByRole('navigation').getByRole('link', { name: 'History' }).first().click();
    const card = page.getByTestId('generation-card').first();
    await card.getByTestId('generation-card-library').waitFor();
    expect(await card.getByTestId('generation-card-library').textContent()).toBe(
      'Recipe: Night market · v1With Mira',
    );

    // What used this image? The character, and the generation.
    await page.goto(detailPath);
    await page.getByRole('link', { name: 'Reference image 1: what used this image?' }).click();
    await page.getByRole('heading', { level: 1, name: 'What used this image?' }).waitFor();
    const users = page.getByRole('list', { name: 'Characters that use this image' });
    expect(await users.getByRole('link', { name: 'Mira' }).count()).toBe(1);
    const uses = page.getByRole('list', { name: 'Generations that used this image' });
    await uses.getByTestId('generation-card').first().waitFor();
    expect(await uses.getByTestId('generation-card').count()).toBe(1);
    expect(await uses.getByRole('link').first().getAttribute('href')).toBe(detailPath);
    await screenshot(page, 'library-asset');

    // Run again exactly: a new generation that says which one it repeats.
    await page.goto(detailPath);
    await page.getByRole('button', { name: 'Run again exactly' }).click();
    await page.waitForURL(
      (url) => GENERATION_PATH.test(url.pathname) && url.pathname !== detailPath,
    );
    const again = page.getByRole('region', { name: 'Provenance' });
    expect(
      await again.getByRole('link', { name: 'an earlier generation' }).getAttribute('href'),
    ).toBe(detailPath);
    expect(await again.getByTestId('provenance-base-prompt').textContent()).toBe(
      'Mira in a rainy night market',
    );
    await page
      .locator('[data-testid="live-generation"][data-status="SUCCEEDED"]')
      .waitFor({ timeout: 30_000 });

    expect(problems).toEqual(NO_PROBLEMS);
  }, 120_000);
});
