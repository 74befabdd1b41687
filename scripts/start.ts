/**
 * `npm start`: the reference server with demo data, plus a browser with the extension loaded,
 * configured for that server and opened on a demo page. With no display, it says so, keeps the
 * server up and explains how to load the extension by hand.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startServer } from '../server/app.ts';
import { configureExtension, demoCredentials } from '../tests/e2e/configure.ts';
import { findChromium } from './system-deps.ts';

const root = path.resolve(import.meta.dirname, '..');
const extensionDir = path.join(root, '.output', 'chrome-mv3');

console.log('Building the extension (.output/chrome-mv3)…');
const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = await startServer();
console.log(`\nReference server: ${server.url}  (API docs: ${server.url}/docs, demo pages: ${server.url}/demo/)`);
console.log('Demo account: demo@example.com / demo-password · search API key: demo-key\n');

const shutdown = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());

const display = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const executablePath = findChromium();
if (!display || !executablePath) {
  console.log(!display ? 'No display here, so no browser window can open.' : 'No Chromium or Chrome found (set CHROMIUM_PATH).');
  console.log(`The server stays up. To use the extension, on a machine with a browser:
  1. Open chrome://extensions, switch on Developer mode, click "Load unpacked" and pick
     ${extensionDir}
  2. In Sidecar's options, keep the base URL ${server.url}, choose "Username and password",
     enter demo@example.com / demo-password and the search API key demo-key, then "Test connection".
  3. Open ${server.url}/demo/, then a Sidecar badge, or the toolbar icon (pin it from the
     puzzle-piece menu first). Nothing costs a credit until you click "Reveal".
Press Ctrl+C to stop.`);
} else {
  const profile = mkdtempSync(path.join(tmpdir(), 'sidecar-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: false,
    viewport: null,
    // Chromium's sandbox cannot run as root, so only then is it switched off (--no-sandbox, which
    // shows a warning bar): a normal user keeps it and sees no warning.
    chromiumSandbox: process.getuid?.() !== 0,
    args: [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`, '--no-first-run'],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  await configureExtension(context, extensionId, { baseUrl: server.url }, demoCredentials());
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}/demo/`);
  console.log('Chromium is open on the demo pages with Sidecar loaded and connected. Close it or press Ctrl+C to stop.');
  context.on('close', () => void shutdown());
}
