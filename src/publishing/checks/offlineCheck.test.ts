import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { repositoryRoot } from './ClientOperations.ts';
import { formatOfflineCheck } from './formatReport.ts';
import { offlineCheck } from './offlineCheck.ts';
import { runOfflineCheckCli } from './offlineCheckCli.ts';

const promotionsFile = 'schemas/remote/promotions.graphql';
const roots: string[] = [];

/** A copy of the repository's schemas and client operations in a fresh folder (with a trailing slash); a git repository with one commit when `git`. */
function copyOfRepository(git: boolean): string {
  const root = `${mkdtempSync(`${tmpdir()}/offline-check-`)}/`;
  roots.push(root);
  cpSync(`${repositoryRoot}schemas`, `${root}schemas`, { recursive: true });
  cpSync(`${repositoryRoot}clients`, `${root}clients`, { recursive: true });
  if (git) {
    run(root, 'init', '-q');
    commitAll(root, 'base');
  }
  return root;
}

function run(root: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=check', '-c', 'user.email=check@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: root, stdio: 'ignore' });
}

function commitAll(root: string, message: string): void {
  run(root, 'add', 'schemas', 'clients');
  run(root, 'commit', '-q', '-m', message);
}

function edit(root: string, from: RegExp | string, to: string): void {
  const text = readFileSync(`${root}${promotionsFile}`, 'utf8');
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  writeFileSync(`${root}${promotionsFile}`, next);
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('offlineCheck', () => {
  it('rejects an uncommitted SDL edit that breaks PassengerHome, with a readable report', async () => {
    const root = copyOfRepository(true);
    edit(root, /  "Unused vouchers.*\n  vouchers: .*\n/, '');
    const result = await offlineCheck({ root, base: 'HEAD' });
    expect(result.ok).toBe(false);
    expect(result.base).toMatchObject({ kind: 'commit', ref: 'HEAD' });
    expect(result.reports.map(({ file }) => file)).toEqual([promotionsFile]);
    expect(result.reports[0]?.report.brokenOperations).toContainEqual(expect.objectContaining({ client: 'passenger', field: 'Rider.vouchers' }));
    // passenger and web are covered by the promotions report; the driver is checked as it is.
    expect(result.graph).toEqual({ composition: [], brokenOperations: [] });
    const text = formatOfflineCheck(result);
    expect(text).toContain(`${promotionsFile} (promotions): REJECTED`);
    expect(text).toMatch(/passenger: PassengerHome \(clients\/passenger\/PassengerHome\.graphql\) uses Rider\.vouchers/);
    expect(text).toMatch(/Schema check FAILED: 1 error\.$/);
  });

  it("compares with the last commit by default, and passes a safe change", async () => {
    const root = copyOfRepository(true);
    edit(root, '  code: String!\n', '  code: String!\n  title: String\n');
    commitAll(root, 'promotions: title');
    const result = await offlineCheck({ root });
    expect(result.base).toMatchObject({ kind: 'commit', ref: 'HEAD~1' });
    expect(result.ok).toBe(true);
    expect(result.reports[0]?.report.changes).toEqual([expect.objectContaining({ criticality: 'NON_BREAKING', path: 'Promotion.title' })]);
  });

  it('without git history, composes every client and validates every operation', async () => {
    const root = copyOfRepository(false);
    writeFileSync(`${root}clients/web/Broken.graphql`, 'query Broken { products { id nope } }\n');
    const result = await offlineCheck({ root });
    expect(result.base.kind).toBe('none');
    expect(result.reports).toEqual([]);
    expect(result.ok).toBe(false);
    expect(result.graph.brokenOperations).toEqual([expect.objectContaining({ client: 'web', operation: 'Broken (clients/web/Broken.graphql)', field: 'Product.nope' })]);
    expect(formatOfflineCheck(result)).toMatch(/^Schema check without a base commit: .*Checking composition and operations only\./);
  });

  it('refuses unknown arguments with the usage', async () => {
    const errors: string[] = [];
    expect(await runOfflineCheckCli(['check', '--offline', '--bogus'], () => undefined, (text) => errors.push(text))).toBe(2);
    expect(errors.join('\n')).toMatch(/unknown argument: --bogus\nusage: npm run subgraph -- check --offline/);
  });
});
