/**
 * Where the content script runs: WXT reads this into the manifest at build time. Nothing reads it at
 * run time (context.ts takes the script's name only), so the content script's own build resolves
 * this module to registration.runtime.ts, an empty object (wxt.config.ts): about 50 B gzip of its
 * budget. tests/e2e/manifest.spec.ts checks the manifest's content script entry.
 */
import { CONTENT_MATCHES } from '@/utils/hosts';

export const REGISTRATION = {
  matches: CONTENT_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
} as const;
