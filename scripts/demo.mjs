#!/usr/bin/env node
// `npm run demo`: build the extension, run it on the bundled mock 光合平台, write docs/demo/*.png.
import { spawnSync } from 'node:child_process';
import { findChrome, HOW_TO_GET_ONE } from './find-chrome.mjs';

if (Number(process.versions.node.split('.')[0]) < 22) {
  console.error(`Node ${process.versions.node} is too old: this project needs Node 22 or newer.`);
  process.exit(1);
}
if (!findChrome()) {
  console.error(HOW_TO_GET_ONE);
  process.exit(1);
}
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('npx', ['wxt', 'build']);
run('npx', ['playwright', 'test', '--config', 'tests/demo/playwright.config.ts']);
console.log('\nScreenshots written to docs/demo/. Chinese text needs a CJK font (Debian: fonts-noto-cjk).');
