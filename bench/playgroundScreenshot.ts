/**
 * `npm run screenshot`: starts the gateway with the demo fleet, opens the web playground in Debian's
 * chromium (the browser test's setup), measures the page's weight (bytes over the network on first
 * load and on reload) and its time to interactive on loopback, then puts `recommendations` down in
 * the fault panel, runs ProductDetails and saves the screenshot the README shows
 * (`src/server/playground/screenshot.png`). The fleet is put back to ok before it stops.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/harness/chromium.ts';
import { startSystem } from '../test/harness/startSystem.ts';

const screenshotPath = new URL('../src/server/playground/screenshot.png', import.meta.url);

/** Bytes received over the network (headers and encoded bodies) while `load` runs, and how many requests went out. */
async function transferred(page: Page, load: () => Promise<unknown>): Promise<{ bytes: number; requests: number }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let bytes = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
    bytes += event.encodedDataLength;
    requests += 1;
  });
  await load();
  await cdp.detach();
  return { bytes, requests };
}

/** Navigates (or reloads) and waits until the tabs are shown and the schema is in: the page can be used. */
async function untilInteractive(page: Page, navigate: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  const schema = page.waitForResponse((response) => response.request().postData()?.includes('IntrospectionQuery') === true);
  await navigate();
  await page.locator('.graphiql-tab').first().waitFor();
  await schema;
  return performance.now() - started;
}

const system = await startSystem({ DEADLINE_MS: '4000', ATTEMPT_TIMEOUT_MS: '3000' });
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  let firstMs = 0;
  let reloadMs = 0;
  const first = await transferred(page, async () => (firstMs = await untilInteractive(page, () => page.goto(`${system.url}/web/graphql`))));
  const reload = await transferred(page, async () => (reloadMs = await untilInteractive(page, () => page.reload())));
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
  console.log(`web playground, first load: ${kb(first.bytes)} in ${first.requests} requests, interactive after ${firstMs.toFixed(0)} ms`);
  console.log(`web playground, reload:     ${kb(reload.bytes)} in ${reload.requests} requests, interactive after ${reloadMs.toFixed(0)} ms`);

  await page.getByRole('button', { name: 'Show Fault switches' }).click();
  await page.getByLabel('Fault of recommendations').selectOption('down');
  await page.locator('tr[data-service="recommendations"] th', { hasText: 'recommendations-1: down' }).waitFor();
  await page.locator('.graphiql-tab', { hasText: 'ProductDetails' }).click();
  await page.locator('.graphiql-execute-button').click();
  await page.locator('.rb-degraded[role="status"]').waitFor();
  await page.screenshot({ path: screenshotPath.pathname });
  console.log(`screenshot: ${screenshotPath.pathname}`);
  await page.getByRole('button', { name: 'Reset all' }).click();
} finally {
  await browser.close();
  await system.stop();
}
