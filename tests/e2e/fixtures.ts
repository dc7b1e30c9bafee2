/**
 * Playwright fixtures: the built extension (.output/chrome-mv3) in a real Chromium, with the mock
 * 光合平台 answering every 光合 URL and every other http(s) request aborted.
 */
import {
  test as base,
  chromium,
  expect,
  type BrowserContext,
  type Locator,
  type Page,
  type Worker,
} from '@playwright/test';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findChrome, HOW_TO_GET_ONE } from '../../scripts/find-chrome.mjs';
import { installMockPlatform, type MockPlatform, type MockOptions } from '../fixtures/mock-platform';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

/**
 * For the tests that use a test hook (`debug:faults`): the build under test must be a test build
 * (`GUANGHE_TEST_HOOKS=1 npx wxt build`, as `npm test` makes it); a store build has no hooks.
 */
export function requireTestHooks(extensionDir = EXTENSION_DIR): void {
  const worker = join(extensionDir, 'background.js');
  if (!existsSync(worker) || !readFileSync(worker, 'utf8').includes('debug:faults'))
    throw new Error(
      `${extensionDir} is not a test build (no test hooks): build it with "GUANGHE_TEST_HOOKS=1 npx wxt build".`,
    );
}

export function chromeArgs(extensionDir: string | null): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--lang=zh-CN',
    ...(extensionDir
      ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]
      : []),
  ];
}

export async function launchWithExtension(extensionDir = EXTENSION_DIR): Promise<{
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  close: () => Promise<void>;
}> {
  const executablePath = findChrome();
  if (!executablePath) throw new Error(HOW_TO_GET_ONE);
  if (!existsSync(join(extensionDir, 'manifest.json')))
    throw new Error(`No built extension at ${extensionDir}: run "npm run build" first.`);
  const dir = mkdtempSync(join(tmpdir(), 'guanghe-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    args: chromeArgs(extensionDir),
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
    env: { ...process.env, LANGUAGE: 'zh_CN' },
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    worker,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Fixtures {
  mockOptions: MockOptions;
  ext: { context: BrowserContext; extensionId: string; worker: Worker };
  mock: MockPlatform;
  page: Page;
  openPanel: (tab?: Page) => Promise<Page>;
}

export const test = base.extend<Fixtures>({
  mockOptions: [{}, { option: true }],
  // eslint-disable-next-line no-empty-pattern
  ext: async ({}, use) => {
    const launched = await launchWithExtension();
    // Zero network of our own: every http(s) request made by an extension page (the panel) or by the
    // extension's service worker fails the test, whatever the test was about.
    const own: string[] = [];
    launched.context.on('request', (r) => {
      if (!/^https?:/.test(r.url())) return;
      const origin = (() => {
        try {
          return r.serviceWorker()?.url() ?? r.frame().url();
        } catch {
          return ''; // a request with neither frame nor worker (browser-internal)
        }
      })();
      if (origin.startsWith('chrome-extension://')) own.push(`${r.method()} ${r.url()} from ${origin}`);
    });
    await use(launched);
    await launched.close();
    expect(own, 'the extension made network requests of its own').toEqual([]);
  },
  mock: async ({ ext, mockOptions }, use) => {
    await use(await installMockPlatform(ext.context, mockOptions));
  },
  page: async ({ ext, mock }, use) => {
    void mock;
    const page = ext.context.pages()[0] ?? (await ext.context.newPage());
    await use(page);
  },
  openPanel: async ({ ext }, use) => {
    const panels: Page[] = [];
    await use(async () => {
      const panel = await ext.context.newPage();
      await panel.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
      panels.push(panel);
      return panel;
    });
  },
});

export { expect } from '@playwright/test';

/** The findings box's dialog, over the platform's form. */
export const findingsBox = (page: Page): Locator =>
  page.locator('[data-guanghe-assistant="findings"] [role="alertdialog"]');

/**
 * On the matrix page: 新增矩阵账号, a 逛逛号 and a phone one digit short, 确定: the submit is held
 * and the findings box opens. Returns the platform's dialog.
 */
export async function openHeldInvite(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: '新增矩阵账号' }).click();
  const d = page.getByRole('dialog');
  await d.getByPlaceholder('请输入逛逛号').fill('3310000001');
  await d.getByPlaceholder('请输入该逛逛号绑定的手机号').fill('1390000000');
  await d.getByRole('button', { name: '确定' }).click();
  await expect(findingsBox(page)).toBeVisible();
  return d;
}
