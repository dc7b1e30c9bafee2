#!/usr/bin/env node
// Renders public/icon/{16,32,48,128}.png (WXT puts them in the manifest) with the installed Chromium.
import { chromium } from '@playwright/test';
import { findChrome, HOW_TO_GET_ONE } from './find-chrome.mjs';

const executablePath = findChrome();
if (!executablePath) throw new Error(HOW_TO_GET_ONE);
const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
const page = await browser.newPage();
for (const size of [16, 32, 48, 128]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">
    <div style="width:${size}px;height:${size}px;border-radius:${size * 0.22}px;background:linear-gradient(135deg,#ff7a1a,#ff4f00);
      display:flex;align-items:center;justify-content:center;color:#fff;font:700 ${Math.round(size * 0.66)}px 'Noto Sans CJK SC','PingFang SC',sans-serif;line-height:1">光</div>
  </body></html>`);
  await page.screenshot({ path: `public/icon/${size}.png`, omitBackground: true });
}
await browser.close();
console.log('public/icon/*.png written');
