import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { chromiumAvailable, launchChromium, startE2eServer, type E2eServer } from './browser.js';

describe.skipIf(!chromiumAvailable && !process.env.CI)('in Chromium', () => {
  let server: E2eServer;
  let browser: Browser;
  let page: Page;
  const outsideRequests: string[] = [];

  beforeAll(async () => {
    if (!chromiumAvailable) throw new Error('CI needs Chromium at /usr/bin/chromium (apt-get install chromium)');
    server = await startE2eServer();
    browser = await launchChromium();
    page = await browser.newPage();
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:'))
        outsideRequests.push(request.url());
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('when the app is opened, then it shows the login page and that the API and database are ready', async () => {
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Loan Engine' }).waitFor({ timeout: 10_000 });
    await expect(page.getByLabel('Username').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
    await page.getByText('API ready · database connected').waitFor({ timeout: 10_000 });
  });

  it('when a new user signs in through /docs Authorize as admin, then "Try it out" on /api/auth/me answers admin', async () => {
    await page.goto(`${server.url}/docs/`);
    await page.getByRole('button', { name: 'Authorize' }).first().click();
    const dialog = page.locator('.modal-ux');
    await dialog.locator('#oauth_username').fill('admin');
    await dialog.locator('#oauth_password').fill('changeme');
    await dialog.getByRole('button', { name: 'Apply given OAuth2 credentials' }).click();
    await dialog.getByRole('button', { name: 'Remove authorization' }).or(dialog.getByText('Logout')).first().waitFor();
    await dialog.getByRole('button', { name: 'Close' }).last().click();

    const operation = page.locator('#operations-authentication-get_api_auth_me');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.getByRole('button', { name: 'Execute' }).click();
    const body = operation.locator('.responses-wrapper .live-responses-table .response-col_description pre').first();
    await body.waitFor();
    expect(await body.innerText()).toContain('"username": "admin"');
    expect(outsideRequests).toEqual([]);
  });

  it('when the admin creates an analyst, then the analyst can sign in and is refused the users list', async () => {
    const login = async (username: string, password: string) => {
      const response = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username, password }),
      });
      return (await response.json()) as { access_token: string };
    };
    const admin = await login('admin', 'changeme');
    const created = await fetch(`${server.url}/api/auth/register`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${admin.access_token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        email: 'ana@desk.test',
        username: 'ana',
        password: 'analyst-password-1',
        full_name: 'Ana',
      }),
    });
    expect(created.status).toBe(201);
    const analyst = await login('ana', 'analyst-password-1');
    const users = await fetch(`${server.url}/api/auth/users`, {
      headers: { Authorization: `Bearer ${analyst.access_token}` },
    });
    expect(users.status).toBe(403);
  });
});
