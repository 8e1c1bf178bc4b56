import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A port nobody listens on right now (the OS picks it). */
function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

// The config is loaded again in every worker: the first load picks the port and the data folder and
// leaves them in the environment, which the workers inherit.
process.env.SHEQU_E2E_PORT ??= String(await sparePort());
process.env.SHEQU_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-e2e-'));
process.env.SHEQU_E2E_PASSWORD ??= 'E2e-demo#2026';

const port = Number(process.env.SHEQU_E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: '.',
  outputDir: path.join(root, 'test-results'),
  globalTeardown: './global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI
    ? [['list']]
    : [['list'], ['html', { open: 'never', outputFolder: path.join(root, 'playwright-report') }]],
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          // Debian's Chromium; Playwright's own browser downloads are not available here.
          executablePath: '/usr/bin/chromium',
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    // The real platform in demo mode on a fresh database: migrate, seed the demo district, listen.
    command: 'node server/bin/shequ.js start --demo',
    cwd: root,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: process.env.SHEQU_E2E_DATA_DIR,
      DEMO_PASSWORD: process.env.SHEQU_E2E_PASSWORD,
      LOG_LEVEL: 'warn',
      // A web build elsewhere than web/dist (lets two people run journeys without sharing one build).
      ...(process.env.SHEQU_E2E_WEB_DIST ? { WEB_DIST_DIR: process.env.SHEQU_E2E_WEB_DIST } : {}),
    },
  },
});
