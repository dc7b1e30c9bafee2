/**
 * Registers the ledger catalogue (ledger/zh.ts, ledger/en.ts) into `CATALOGUES`. Import it for its
 * effect (`import '@/utils/i18n/ledger';`) in every module that uses one of its keys: the import runs
 * before the module does, so the keys are there when it renders (tests/unit/i18n-scan.test.ts checks
 * that every such module imports it).
 */
import { CATALOGUES } from '../index';
import { ledgerEn } from './en';
import { ledgerZh } from './zh';

Object.assign(CATALOGUES.zh, ledgerZh);
Object.assign(CATALOGUES.en, ledgerEn);

export const LEDGER_CATALOGUE = { zh: ledgerZh, en: ledgerEn } as const;
