// Headless Chromium for the HTML report tests, driven by playwright-core: Debian's
// /usr/bin/chromium (or $ENVGATE_CHROMIUM), installed by .ci/ensure-chromium.sh. When it
// is missing, launchChromium throws CHROMIUM_MISSING: browser tests fail, never skip.
//
//   const browser = await launchChromium();
//   const { page, problems } = await openHtml(browser, html);   problems: console errors,
//                                      page errors and failed requests, collected live
//   await browser.close();
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.ENVGATE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_MISSING = `chromium not found at ${CHROMIUM_PATH}: run 'sh .ci/ensure-chromium.sh' as root (apt-get install -y chromium fonts-dejavu-core) or set ENVGATE_CHROMIUM`;

/** The viewport screenshots are taken at (CSS pixels, device scale 1). */
export const VIEWPORT = { width: 1280, height: 900 };

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(CHROMIUM_MISSING);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    // Same pixels on every machine: no LCD subpixel text, no hinting, sRGB, no GPU.
    args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none', '--disable-lcd-text', '--force-color-profile=srgb', '--disable-skia-runtime-opts'],
  });
}

export interface OpenedPage {
  page: Page;
  problems: string[];
  close(): Promise<void>;
}

/** Opens the HTML from a file:// URL (as a reader would) in a fresh context; beforeLoad runs before navigating. */
export async function openHtml(browser: Browser, html: string, beforeLoad?: (page: Page) => Promise<void>): Promise<OpenedPage> {
  const dir = mkdtempSync(path.join(tmpdir(), 'envgate-html-'));
  const file = path.join(dir, 'envgate.html');
  writeFileSync(file, html);
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: 'reduce', locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`);
  });
  await beforeLoad?.(page);
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  return {
    page,
    problems,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
