/**
 * A creator's recent checks in the roster view: only the log's checks that name that creator (by
 * 逛逛号, as the rules compare them), newest first, at most CREATOR_CHECKS_SHOWN; entries of the
 * log's first version (no creator) belong to nobody. Rendered as static markup (no browser).
 */
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { CREATOR_CHECKS_SHOWN, CreatorChecksList, checksFor } from '@/components/ledger/CreatorChecks';
import type { CheckLogEntry } from '@/utils/tab-state';

const entry = (checkId: string, over: Partial<CheckLogEntry> = {}): CheckLogEntry => ({
  checkId,
  at: Date.UTC(2026, 11, 1, 2, 0),
  kind: 'proxy-publish-video',
  verdict: 'allow',
  ruleIds: [],
  path: '/wow/z/guang/gg_publish/gg-video',
  ...over,
});

const LOG: unknown[] = [
  entry('old-v1'), // written before the log named creators
  entry('a1', {
    creator: '4410000001',
    verdict: 'block',
    ruleIds: ['publish.title.too-long'],
    outcome: 'cancelled',
  }),
  entry('b1', { creator: '4410000002', verdict: 'warn', ruleIds: ['publish.creator.other-than-row'] }),
  entry('a2', { creator: '4410000001', outcome: 'released' }),
  null,
  { checkId: 'junk', creator: '4410000001' }, // malformed: no rule list
  entry('m1', { kind: 'matrix-invite', path: '/page/account/matrix' }),
];

describe('checksFor', () => {
  it('only that creator’s checks, newest first; none for a creator without a 逛逛号', () => {
    expect(checksFor(LOG, '4410000001').map((e) => e.checkId)).toEqual(['a2', 'a1']);
    expect(checksFor(LOG, ' 逛逛号：4410000002 ').map((e) => e.checkId)).toEqual(['b1']);
    expect(checksFor(LOG, '4410000009')).toEqual([]);
    expect(checksFor(LOG, null)).toEqual([]);
    expect(checksFor('not a log', '4410000001')).toEqual([]);
  });

  it('at most the last CREATOR_CHECKS_SHOWN', () => {
    const many = Array.from({ length: 30 }, (_, i) => entry(`c${i}`, { creator: 'gg_many' }));
    const got = checksFor(many, 'gg_many');
    expect(got).toHaveLength(CREATOR_CHECKS_SHOWN);
    expect(got[0]!.checkId).toBe('c29');
  });
});

describe('CreatorChecksList', () => {
  it('lists each check with its verdict, the rules that spoke and the outcome', () => {
    const html = renderToStaticMarkup(<CreatorChecksList checks={checksFor(LOG, '4410000001')} />);
    expect(html.match(/data-testid="creator-check"/g)).toHaveLength(2);
    expect(html).toContain('data-verdict="block"');
    expect(html).toContain('data-outcome="cancelled"');
    expect(html).toContain('publish.title.too-long');
    expect(html).not.toContain('publish.creator.other-than-row');
    expect(html).not.toContain('creator-checks-none');
  });

  it('says so when there are none', () => {
    const html = renderToStaticMarkup(<CreatorChecksList checks={[]} />);
    expect(html).toContain('data-testid="creator-checks-none"');
    expect(html).not.toContain('data-testid="creator-check"');
  });
});
