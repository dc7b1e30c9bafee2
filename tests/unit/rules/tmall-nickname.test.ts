import { describe, expect, it } from 'vitest';
import { deriveTmallNickname, storeTypeOf } from '@/utils/rules';
import { findingOf } from './fixtures';

describe('deriveTmallNickname (seed-000)', () => {
  it.each([
    // The seed's own example.
    ['XXXX官方旗舰店', 'XXXX天猫官方'],
    ['耐克官方旗舰店', '耐克天猫官方'],
    ['Nike官方旗舰店', 'Nike天猫官方'],
    // 专卖店 / 专营店: the word 店 goes.
    ['XXXX专卖店', 'XXXX专卖'],
    ['某某数码专营店', '某某数码专营'],
    ['大店专营店', '大店专营'],
    // Full-width letters and stray spaces from the page.
    ['ＸＸＸＸ官方旗舰店', 'XXXX天猫官方'],
    [' XXXX 官方旗舰店 ', 'XXXX天猫官方'],
  ])('%s → %s', (store, nickname) => {
    expect(deriveTmallNickname(store)).toBe(nickname);
  });

  it.each([
    'XXXX旗舰店',
    'XXXX海外旗舰店',
    'XXXX官方海外旗舰店',
    'XXXX海外专营店',
    'XXXX海外专卖店',
    'XXXX卖场型旗舰店',
    'XXXX企业店',
    'XXXX小铺',
    '官方旗舰店',
    '专卖店',
    '',
  ])('%j is not covered → null', (store) => {
    expect(deriveTmallNickname(store)).toBeNull();
  });

  it('does not throw on odd input', () => {
    expect(deriveTmallNickname(undefined)).toBeNull();
    expect(deriveTmallNickname(42)).toBeNull();
  });

  it('names the store type it saw', () => {
    expect(storeTypeOf('XXXX海外旗舰店')?.id).toBe('global-flagship');
    expect(storeTypeOf('XXXX官方海外旗舰店')?.id).toBe('global-official-flagship');
    expect(storeTypeOf('XXXX卖场型旗舰店')?.id).toBe('mall-flagship');
    expect(storeTypeOf('XXXX旗舰店')?.id).toBe('flagship');
    expect(storeTypeOf('XXXX官方旗舰店')?.id).toBe('official-flagship');
    expect(storeTypeOf('XXXX小铺')).toBeNull();
  });
});

describe('nickname messages', () => {
  const tmall = (storeName: string, nickname = '') => ({
    kind: 'nickname-confirm',
    identity: 'tmall-merchant',
    storeName,
    nickname,
  });

  it('the irreversible warning shows the derived nickname', () => {
    const f = findingOf('nickname.tmall.irreversible', tmall('XXXX官方旗舰店'));
    expect(f?.message.zh).toContain('「XXXX天猫官方」');
    expect(f?.message.en).toContain('「XXXX天猫官方」');
    expect(f?.field).toBe('nickname');
  });

  it('the irreversible warning says when it cannot derive', () => {
    const f = findingOf('nickname.tmall.irreversible', tmall('XXXX旗舰店'));
    expect(f?.message.zh).toContain('无法从店铺名推出');
    expect(f?.message.en).toContain('cannot derive');
  });

  it('a differing nickname is named with the derived one', () => {
    const f = findingOf('nickname.tmall.differs', tmall('某某专营店', '某某专营店'));
    expect(f?.message.zh).toContain('「某某专营」');
    expect(f?.message.zh).toContain('「某某专营店」');
  });

  it('an uncovered store type is named, and said to be uncovered', () => {
    const f = findingOf('nickname.tmall.store-type-uncovered', tmall('某某海外旗舰店'));
    expect(f?.message.zh).toContain('天猫国际海外旗舰店');
    expect(f?.message.zh).toContain('没有覆盖');
    expect(f?.message.en).toContain('does not cover');
  });

  it('a Taobao merchant is told the store display is not affected', () => {
    const f = findingOf('nickname.live-room-april', {
      kind: 'nickname-confirm',
      identity: 'taobao-merchant',
      nickname: 'x',
    });
    expect(f?.message.zh).toContain('四月');
    expect(f?.message.zh).toContain('店铺里展示的信息不受影响');
    const g = findingOf('nickname.live-room-april', {
      kind: 'nickname-confirm',
      identity: 'expert',
      nickname: 'x',
    });
    expect(g?.message.zh).not.toContain('店铺');
  });
});
