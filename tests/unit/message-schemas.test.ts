/**
 * The page messages' schemas (utils/schemas/messages.ts) are both the background's check and the
 * messages' TypeScript types; the ledger commands' replies are typed per operation. The type
 * assertions (`expectTypeOf`) are checked by `tsc` (npm run typecheck), the rest at run time.
 */
import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  PageReportSchema,
  PlatformReplySchema,
  ROSTER_LIST_MAX_ROWS,
  RosterListSchema,
  SubmitOutcomeSchema,
} from '@/utils/schemas/messages';
import { LIMITS } from '@/utils/ledger/schemas';
import type { PageReport } from '@/utils/pages/types';
import type { ResultOf } from '@/components/ledger/command';
import type { LedgerCommandOf } from '@/utils/ledger/protocol';
import type { ImportPreview } from '@/utils/ledger/backup';
import type { AccountRow, BindingRow, WorkspaceRow } from '@/utils/ledger/types';

const report: PageReport = {
  url: 'https://creator.guanghe.taobao.com/page/account/matrix',
  frame: 'top',
  page: 'matrix',
  dialogs: ['matrix-invite'],
  notices: [],
  account: { nickname: '小林', guangguangId: '2210000002' },
  matrixRows: [{ nickname: 'a', guangguangId: '3310000001', bindingText: '待接受', permissionText: '' }],
};

describe('page report schema', () => {
  it('accepts a real report, extra keys included', () => {
    expect(v.is(PageReportSchema, report)).toBe(true);
    expect(v.is(PageReportSchema, { ...report, extra: 1 })).toBe(true);
    expect(v.is(PageReportSchema, { ...report, account: null, matrixRows: undefined })).toBe(true);
  });

  it.each([
    ['an array for the account', { ...report, account: [] }],
    ['a missing account', { ...report, account: undefined }],
    ['a page the recognisers never name', { ...report, page: 'evil-page' }],
    ['an unknown dialog', { ...report, dialogs: ['steal'] }],
    ['17 dialogs', { ...report, dialogs: Array(17).fill('matrix-invite') }],
    ['a 逛逛号 that is a number', { ...report, account: { guangguangId: 2210000002 } }],
    ['a row without its texts', { ...report, matrixRows: [{ nickname: 'a', guangguangId: '1' }] }],
    ['5001 rows', { ...report, matrixRows: Array(5001).fill(report.matrixRows![0]) }],
    ['freshLogin: false', { ...report, freshLogin: false }],
    ['a 4097-character url', { ...report, url: 'x'.repeat(4097) }],
    ['an array', [report]],
  ])('refuses %s', (_, forged) => {
    expect(v.is(PageReportSchema, forged)).toBe(false);
  });

  it('submit replies need a check id and one to three texts; outcomes a known outcome', () => {
    expect(v.is(PlatformReplySchema, { checkId: 'c1', texts: ['成功'] })).toBe(true);
    expect(v.is(PlatformReplySchema, { checkId: '', texts: ['成功'] })).toBe(false);
    expect(v.is(PlatformReplySchema, { checkId: 'c1', texts: [] })).toBe(false);
    expect(v.is(PlatformReplySchema, { checkId: 'c1', texts: ['a', 'b', 'c', 'd'] })).toBe(false);
    expect(v.is(SubmitOutcomeSchema, { checkId: 'c1', outcome: 'released' })).toBe(true);
    expect(v.is(SubmitOutcomeSchema, { checkId: 'c1', outcome: 'sent' })).toBe(false);
    expect(v.is(SubmitOutcomeSchema, { checkId: 'c1', outcome: 'failed-open', kind: 'x' })).toBe(false);
  });
});

describe('types inferred from the schemas and per ledger operation', () => {
  it('a report type is the schema output, so a wrong page id does not compile', () => {
    expectTypeOf<PageReport>().toEqualTypeOf<v.InferOutput<typeof PageReportSchema>>();
    expectTypeOf<PageReport['frame']>().toEqualTypeOf<'top' | 'publish-frame'>();
    // @ts-expect-error: not a page the recognisers name
    const wrong: PageReport['page'] = 'evil-page';
    expect(wrong).toBe('evil-page');
  });

  it('the panel gets the result type of the operation it sent', () => {
    expectTypeOf<ResultOf<LedgerCommandOf<'recordInvite'>>>().toEqualTypeOf<{
      account: AccountRow;
      binding: BindingRow;
    }>();
    expectTypeOf<ResultOf<LedgerCommandOf<'renameWorkspace'>>>().toEqualTypeOf<WorkspaceRow>();
    expectTypeOf<ResultOf<LedgerCommandOf<'previewImport'>>>().toEqualTypeOf<ImportPreview>();
  });
});

describe('RosterListSchema', () => {
  const list = (n: number) => ({
    institution: { name: '星河文化传媒' },
    tab: 'bound',
    rows: Array.from({ length: n }, (_, i) => ({
      nickname: `达人${i}`,
      guangguangId: i === 7 ? null : String(4_410_000_001 + i),
      level: 'LV1',
    })),
    filtered: false,
    complete: true,
    page: 1,
    pageCount: 1,
  });

  it('takes a whole 5,000-creator page (a row without a 逛逛号 included), as many rows as a capture takes', () => {
    expect(ROSTER_LIST_MAX_ROWS).toBe(LIMITS.rosterRows);
    const r = v.safeParse(RosterListSchema, list(5000));
    expect(r.success).toBe(true);
    expect(r.success && r.output.rows).toHaveLength(5000);
    expect(v.is(RosterListSchema, list(LIMITS.rosterRows + 1))).toBe(false);
  });
});
