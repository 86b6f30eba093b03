import { defineConfig } from '@playwright/test'

/**
 * End-to-end tests against a real backend. Started by `npm run e2e` (e2e/run.mjs), which launches
 * the server and passes its address in E2E_BASE_URL. Uses the machine's Chromium: no browser is
 * downloaded.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: './e2e/.out/test-results',
  timeout: 150_000,
  expect: { timeout: 20_000 },
  workers: 1,
  fullyParallel: false,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8080',
    acceptDownloads: true,
    viewport: { width: 1440, height: 1000 },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
})
