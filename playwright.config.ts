import { defineConfig } from '@playwright/test';
import path from 'node:path';

// Browser journeys against the real demo app (`npm test` runs them after Jest), in Debian's
// Chromium (Playwright cannot download browsers here). The app is built for production, as an
// adopter ships it, and served by the backend on a port of its own (app-config.e2e.yaml).
const appUrl = 'http://localhost:7107';
const configs = ['app-config.yaml', 'app-config.e2e.yaml']
  .map(file => `--config ${path.resolve(__dirname, file)}`)
  .join(' ');
const buildApp = `backstage-cli package build ${configs}`;
const startBackend = `backstage-cli package start ${configs}`;

export default defineConfig({
  testDir: 'e2e',
  // Journeys with two people and several full page loads of the dev build take one to two minutes
  // each on a busy 2-core machine; the limit leaves room for that without hiding a hang.
  timeout: 300_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list'], ['json', { outputFile: '.lockstep/e2e-results.json' }]],
  globalSetup: './e2e/globalSetup.ts',
  outputDir: '.lockstep/e2e-artifacts',
  use: {
    baseURL: appUrl,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.LOCKSTEP_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `cd packages/app && ${buildApp} && cd ../backend && ${startBackend}`,
    cwd: __dirname,
    url: appUrl,
    reuseExistingServer: !process.env.CI,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
