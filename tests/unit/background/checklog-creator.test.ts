/**
 * The check log names the creator a check on the institution platform was for (creatorOfCheck):
 * the 逛逛号 a publish form publishes as, else the 达人管理 row that opened it, or the creator an
 * unbind names; never anything shaped like a phone, never for other checks.
 */
import { describe, expect, it } from 'vitest';
import { creatorOfCheck } from '@/entrypoints/background/checklog';
import type { Submission } from '@/utils/rules';

const publish = (creator: string, openedFor: string): Submission => ({
  kind: 'proxy-publish-video',
  title: '标题',
  description: '',
  tags: [],
  products: [],
  schedule: { mode: 'now' },
  creator: { guangguangId: creator, nickname: '' },
  openedFor,
});

describe('creatorOfCheck', () => {
  it('a publish: the creator the form publishes as, else the row that opened it', () => {
    expect(creatorOfCheck(publish('4410000002', '4410000001'))).toBe('4410000002');
    expect(creatorOfCheck(publish('', '4410000001'))).toBe('4410000001');
    expect(creatorOfCheck(publish('逛逛号：tangtang_01', ''))).toBe('tangtang_01');
    expect(creatorOfCheck(publish('', ''))).toBeUndefined();
  });

  it('a batch publish and an unbind on 达人管理 name their creator', () => {
    expect(
      creatorOfCheck({
        kind: 'batch-publish',
        items: [],
        creator: { guangguangId: 'gg_4410', nickname: '' },
      }),
    ).toBe('gg_4410');
    expect(creatorOfCheck({ kind: 'roster-unbind', guangguangId: '4410000003', nickname: '小鹿' })).toBe(
      '4410000003',
    );
    expect(creatorOfCheck({ kind: 'roster-unbind', guangguangId: '', nickname: '小鹿' })).toBeUndefined();
  });

  it('never a phone, never an id of another shape, never for other kinds of check', () => {
    expect(creatorOfCheck(publish('13800138000', ''))).toBeUndefined();
    expect(creatorOfCheck(publish('', 'abc13800138000'))).toBeUndefined();
    expect(creatorOfCheck(publish('小鹿 爱穿搭', ''))).toBeUndefined();
    expect(creatorOfCheck(publish('x'.repeat(33), ''))).toBeUndefined();
    expect(creatorOfCheck({ kind: 'unbind', guangguangId: '3310000001', by: 'main' })).toBeUndefined();
  });
});
