// The browser host's credential stays with the console, in a real browser: another service on this machine,
// opened in the same browser, is sent no usable cookie; a page there cannot plant one that locks the console
// out; and the launch link, once used, opens nothing — in this browser or another.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConsolePage, totpNow } from '../support/console-page.ts';
import { expect, test } from '../support/fixtures.ts';

// Another local service: records the Cookie header of everything it is sent, and tries to plant cookies for the
// console — through Set-Cookie and through script — on every page it serves.
async function startLocalService() {
  const cookieHeaders: string[] = [];
  const server = http.createServer((request, response) => {
    cookieHeaders.push(request.headers.cookie ?? '');
    response.writeHead(200, {
      'content-type': 'text/html',
      'set-cookie': [
        '__Host-vigil-session=planted; Secure; Path=/',
        '__Host-vigil-session=planted; Secure; Path=/; Domain=localhost',
        'vigil-session=planted; Path=/; Domain=localhost',
      ],
    });
    response.end(`<!doctype html><title>Another local service</title><script>
      document.cookie = '__Host-vigil-session=planted-by-script; Secure; Path=/';
      document.cookie = '__Host-vigil-session=planted-by-script; Path=/; Domain=localhost';
    </script>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, cookieHeaders, close: () => new Promise((resolve) => server.close(resolve)) };
}

test('another local service sees no usable credential, cannot lock the console out, and the launch link works once', async ({ page, vigil, browser }, testInfo) => {
  const user = await vigil.addUser('ines');
  await vigil.openConsole();
  const consoleOrigin = new URL(page.url()).origin;
  expect(consoleOrigin).toMatch(/^http:\/\/vigil-[0-9a-f]{20}\.localhost:\d+$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const [session] = (await page.context().cookies()).filter((cookie) => cookie.name === '__Host-vigil-session');
  expect(session?.httpOnly && session.secure && session.sameSite === 'Strict').toBe(true);

  const other = await startLocalService();
  try {
    // The same browser visits the other service under every name that reaches loopback.
    for (const host of ['127.0.0.1', 'localhost', 'other.localhost', 'vigil.localhost']) {
      await page.goto(`http://${host}:${other.port}/`);
      await expect(page).toHaveTitle('Another local service');
    }
    expect(other.cookieHeaders.length).toBeGreaterThanOrEqual(4);
    for (const header of other.cookieHeaders) expect(header).not.toContain(session!.value);

    // Back in the console, whatever the other pages planted: it still works end to end.
    await page.goto(consoleOrigin);
    const console = new ConsolePage(page);
    await console.signInWithPassword(user.username, user.password);
    await console.verifyCode(await totpNow(user.totpSecret));
    await console.expectDashboard();
    await expect(page.getByRole('region', { name: 'Two-factor authentication' })).toContainText('On');
    const screenshot = await page.screenshot({ path: testInfo.outputPath('console-after-other-service.png') });
    await testInfo.attach('console after another local service', { body: screenshot, contentType: 'image/png' });
  } finally {
    await other.close();
  }

  // The launch link, found in history by someone else (a fresh browser profile), opens nothing.
  const stranger = await browser.newContext();
  try {
    const strangerPage = await stranger.newPage();
    const response = await strangerPage.goto(vigil.launchUrl!);
    expect(response?.status()).toBe(403);
    await expect(strangerPage.locator('body')).toContainText('already used');
    expect(await stranger.cookies()).toEqual([]);
    expect((await strangerPage.goto(consoleOrigin))?.status()).toBe(403);
  } finally {
    await stranger.close();
  }
});
