/**
 * The playground in a real browser: Debian's chromium through playwright-core, headless, against
 * the whole system (gateway and demo fleet) on loopback. Every request the pages make is recorded,
 * and none may go to a host other than the gateway.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoPublishingTokens } from '../src/config/index.ts';
import { launchChromium, type TestBrowser } from './harness/chromium.ts';
import { loadTolerantEnv } from './harness/loadTolerantEnv.ts';
import { startSystem, type RunningSystem } from './harness/startSystem.ts';
import { waitFor } from './harness/waitFor.ts';

let system: RunningSystem;
let browser: TestBrowser;
beforeAll(async () => {
  [system, browser] = await Promise.all([startSystem({ ...loadTolerantEnv }), launchChromium()]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await system?.stop();
});
// Whatever a test did, the browser talked to the gateway only.
afterEach(() => {
  const gateway = new URL(system.url).host;
  const elsewhere = browser.requests.filter((url) => !url.startsWith('data:') && new URL(url).host !== gateway);
  expect(elsewhere, 'requests to another host').toEqual([]);
});

/** Opens a client's playground and waits until GraphiQL shows its tabs and has the schema. */
async function openPlayground(client: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${system.url}/${client}/graphql`);
  await page.locator('.graphiql-tab').first().waitFor();
  return page;
}

/** The result pane's whole text (CodeMirror draws only the lines in view; its editor has them all). */
function resultText(page: Page): Promise<string> {
  return page.evaluate(() => (document.querySelector('.graphiql-response .CodeMirror') as unknown as { CodeMirror?: { getValue(): string } } | null)?.CodeMirror?.getValue() ?? '');
}

/** Opens the tab of `operation` (when given), runs it and returns the result once it has `expected`. */
async function run(page: Page, operation: string | undefined, expected: string): Promise<string> {
  if (operation) {
    await page.locator('.graphiql-tab', { hasText: operation }).click();
    // The editor takes the tab's document a moment after the click: run that, not the last tab's.
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toContain(operation);
  }
  await page.locator('.graphiql-execute-button').click();
  await expect.poll(() => resultText(page), { timeout: 15_000 }).toContain(expected);
  return resultText(page);
}

/** Searches the docs explorer for `term` and returns what it lists. */
async function searchDocs(page: Page, term: string): Promise<string[]> {
  await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
  const search = page.locator('.graphiql-doc-explorer-search input');
  await search.fill(term);
  // The list is debounced: wait until it settles on this term (an empty list shows "No results found").
  await page.locator('.graphiql-doc-explorer-search [role="listbox"]').waitFor();
  return page.locator('.graphiql-doc-explorer-search [role="option"]').allInnerTexts();
}

describe('the playground in a browser', () => {
  it("passenger: one tab per app operation; PassengerHome shows the demo rider, then the picker's other rider; TripLive runs over WebSocket", async () => {
    const page = await openPlayground('passenger');
    expect(await page.locator('.graphiql-tab').allInnerTexts()).toEqual(['PassengerHome', 'DriverLocation', 'RequestRide', 'TripLive']);
    expect(await run(page, 'PassengerHome', '"name": "Ana Silva"')).toContain('"recentTrips"');
    await page.getByLabel('Identity').selectOption({ label: 'Beatriz Alves (rider)' });
    await run(page, undefined, '"name": "Beatriz Alves"');
    // A live screen runs over the WebSocket on the same path: its first message is the trip's current state.
    await page.getByLabel('Identity').selectOption({ label: 'Ana Silva (rider)' });
    expect(await run(page, 'TripLive', '"tripUpdated"')).toMatch(/"id": "t-021342",\s*"status": "COMPLETED"/);
    await page.close();
  }, 60_000);

  it('web: recommendations down in the fault panel, ProductDetails shows the default list and its degraded entry; after reset, none', async () => {
    const page = await openPlayground('web');
    await page.getByRole('button', { name: 'Show Fault switches' }).click();
    await page.getByLabel('Fault of recommendations').selectOption('down');
    await expect.poll(() => page.locator('tr[data-service="recommendations"] th').innerText()).toContain('recommendations-1: down');

    // The declared default (the top list), with the rest of the product fresh.
    const degraded = JSON.parse(await run(page, 'ProductDetails', '"degraded"')) as { data: { product: { id: string; name: string; recommendations: { id: string }[] } } };
    expect(degraded.data.product).toMatchObject({ id: 'p-comfort', name: 'Comfort' });
    expect(degraded.data.product.recommendations.length).toBeGreaterThan(0);
    const entry = page.locator('.rb-degraded');
    await expect.poll(() => entry.innerText()).toMatch(/1 field degraded[\s\S]*product\.recommendations → default[\s\S]*recommendations: SERVICE_UNAVAILABLE/);

    await page.getByRole('button', { name: 'Reset all' }).click();
    await expect.poll(() => page.locator('tr[data-service="recommendations"] th').innerText()).toContain('recommendations-1: ok');
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.rb-degraded.rb-fresh').waitFor();
    expect(await page.locator('.rb-degraded').innerText()).toContain('nothing degraded');
    await page.close();
  }, 60_000);

  it("the driver's docs explorer finds earnings; the passenger's does not", async () => {
    const driver = await openPlayground('driver');
    expect(await searchDocs(driver, 'earnings')).toContain('Driver.earnings');
    await driver.close();
    const passenger = await openPlayground('passenger');
    expect((await searchDocs(passenger, 'earnings')).filter((found) => /earnings/i.test(found))).toEqual([]);
    await passenger.close();
  }, 60_000);

  it('after a publish that adds a field, reloading the web playground shows it in the docs and the change in its panel', async () => {
    const page = await openPlayground('web');
    expect(await searchDocs(page, 'headline')).not.toContain('Promotion.headline');

    const sdl = readFileSync(new URL('../schemas/remote/promotions.graphql', import.meta.url), 'utf8').replace('  validUntil: String!\n}', '  validUntil: String!\n  "A line for the product page."\n  headline: String\n}');
    const published = await fetch(`${system.url}/admin/v1/subgraphs/promotions/publish`, {
      method: 'POST',
      headers: { authorization: `Bearer ${demoPublishingTokens.admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ sdl, location: 'promotions', clients: ['passenger', 'web'] }),
    });
    expect(published.status, await published.clone().text()).toBe(201);
    await waitFor(async () => ((await (await fetch(`${system.url}/readyz`)).json()) as { clients: { web: { version: string } } }).clients.web.version === 'promotions@1', 20_000, 'web serving promotions@1');

    await page.reload();
    await page.locator('.graphiql-tab').first().waitFor();
    // A reload opens the app's operations afresh: one tab each, none kept twice from before.
    expect(await page.locator('.graphiql-tab').allInnerTexts()).toEqual(['ProductDetails', 'Products', 'TripHistory']);
    expect(await page.locator('.rb-version').innerText()).toContain('promotions@1');
    expect(await searchDocs(page, 'headline')).toContain('Promotion.headline');
    await page.getByRole('button', { name: 'Show Schema changes' }).click();
    const changes = page.locator('[data-panel="changes"]');
    await expect.poll(() => changes.innerText()).toMatch(/promotions@1[\s\S]*by admin[\s\S]*safe[\s\S]*headline/);
    await page.close();
  }, 60_000);
});
