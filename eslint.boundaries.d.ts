// Types for eslint.boundaries.js (the tests import its module lists).
import type { Linter } from 'eslint';

export const LEDGER_PURE: readonly string[];
export const LEDGER_WRITERS: readonly string[];
export const SERVER_ONLY: readonly string[];
declare const boundaries: Linter.Config[];
export default boundaries;
