import { defineConfig } from '@playwright/test';
import path from 'node:path';
import base from '../../playwright.config';

// Screenshots of every surface (not part of `npm test`): the same demo app as the
// journeys, in headless Chromium, at 1440×900 and 390×844, light and dark, into
// .lockstep/screenshots/. Run from the repo root:
//   rm -rf .lockstep/e2e-sqlite/* && CI=true playwright test -c e2e/screenshots/playwright.config.ts
const root = path.resolve(__dirname, '../..');
const webServer = base.webServer as Exclude<
  NonNullable<typeof base.webServer>,
  unknown[]
>;

export default defineConfig({
  ...base,
  testDir: __dirname,
  testMatch: 'take.ts',
  timeout: 1_800_000,
  globalSetup: path.join(root, 'e2e/globalSetup.ts'),
  outputDir: path.join(root, '.lockstep/e2e-artifacts/screenshots'),
  reporter: [['list']],
  // an action that cannot happen fails within a minute, not at the end of the run
  use: { ...base.use, screenshot: 'off', trace: 'off', actionTimeout: 60_000 },
  webServer: { ...webServer, cwd: root },
});
