import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { writeGeneratedTape } from '../server/src/modules/pipeline/engine/tape-generator.js';
import { chromiumAvailable, launchChromium, startE2eServer, type E2eServer } from './browser.js';

const PDATE = '2026-12-04';

describe.skipIf(!chromiumAvailable && !process.env.CI)('the analyst flow in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  let tapeDir: string;
  let tapePath: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!chromiumAvailable) throw new Error('CI needs Chromium at /usr/bin/chromium (apt-get install chromium)');
    tapeDir = mkdtempSync(join(tmpdir(), 'le-e2e-tape-'));
    tapePath = join(tapeDir, `tape-${PDATE}.csv`);
    await writeGeneratedTape(createWriteStream(tapePath), {
      loans: 300,
      pdate: PDATE,
      seed: 1,
      badRows: 2,
      format: 'csv',
    });
    server = await startE2eServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (tapeDir) rmSync(tapeDir, { recursive: true, force: true });
  });

  it('when the admin uploads a tape and starts a run, then the run completes with a summary and outputs', async () => {
    // Sign in through the form.
    await page.goto(server.url);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('changeme');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
    await page.getByText('No runs yet.').waitFor();

    // Files: create the folder, open it, upload the tape into it.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Files' }).click();
    await page.getByLabel('New folder name').fill(PDATE);
    await page.getByRole('button', { name: 'Create folder' }).click();
    await page.getByRole('button', { name: PDATE, exact: true }).click();
    await page.getByRole('navigation', { name: 'Folder path' }).getByRole('button', { name: PDATE }).waitFor();
    await page.getByLabel('choose files to upload').setInputFiles(tapePath);
    await page.getByRole('list', { name: 'Uploads' }).getByText('Uploaded').waitFor({ timeout: 15_000 });
    await page.getByRole('cell', { name: `tape-${PDATE}.csv`, exact: true }).waitFor();

    // New run on that folder.
    await nav.getByRole('link', { name: 'New run' }).click();
    await page.getByLabel('Input folder').selectOption(PDATE);
    await page.getByLabel('Purchase date').fill(PDATE);
    expect(await page.getByLabel('IRR target (%)').inputValue()).toBe('8.05');
    await page.getByRole('button', { name: 'Start run' }).click();

    // Run detail: progress while it runs, then the completed summary.
    await page.waitForURL(/\/runs\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Summary' }).waitFor({ timeout: 45_000 });
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toContain('completed');
    const totalLoans = page.locator('.stat-card', { hasText: 'Total loans' });
    expect(await totalLoans.locator('.stat-value').innerText()).toBe('300');
    const purchased = page.locator('.stat-card', { hasText: 'Purchased loans' });
    expect(Number((await purchased.locator('.stat-value').innerText()).replace(/,/g, ''))).toBeGreaterThan(0);
    const outputs = page.getByRole('list', { name: 'Output files' });
    await outputs.getByText('purchase_file.csv').waitFor();
    await outputs.getByText('run_report.xlsx').waitFor();
    await page.getByRole('heading', { name: 'Eligibility checks' }).waitFor();
    await page.screenshot({ path: join(tmpdir(), 'loan-engine-run-detail.png'), fullPage: false });

    // The download goes through axios with the bearer token.
    const download = page.waitForEvent('download');
    await outputs.getByRole('button', { name: 'Download purchase_file.csv' }).click();
    expect((await download).suggestedFilename()).toBe('purchase_file.csv');

    // The dashboard lists it, with the chart.
    await nav.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('img', { name: /balance per recent run/ }).waitFor();
    await page.getByRole('cell', { name: PDATE }).first().waitFor();
    await page.screenshot({ path: join(tmpdir(), 'loan-engine-dashboard.png'), fullPage: false });

    // Log out: back to the login page, and the app forgets the token.
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await page.evaluate('window.localStorage.length')).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
