// Find a Chrome/Chromium/Edge binary for tests, demo and bench. CHROME_PATH wins.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/microsoft-edge',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Microsoft\\Edge\\Application\\msedge.exe',
];

export const HOW_TO_GET_ONE = `No Chrome, Chromium or Edge found.
  Debian/Ubuntu:  sudo apt-get update && sudo apt-get install -y chromium
  macOS/Windows:  install Google Chrome or Microsoft Edge
  Or point CHROME_PATH at a Chromium-based browser binary.
  (Do not run "playwright install": the tests use your installed browser.)`;

/** @returns {string | undefined} */
export function findChrome() {
  const env = process.env.CHROME_PATH;
  if (env) return existsSync(env) ? env : undefined;
  return CANDIDATES.find((p) => existsSync(p));
}
