/** Messages say what is wrong and what to do, with the user's own values filled in. */
import { describe, expect, it } from 'vitest';
import { ctx, findingOf, invite, video } from './fixtures';

describe('messages', () => {
  it('a full-width colon gets the fixed login name', () => {
    const f = findingOf('login.sub-account.fullwidth-colon', {
      kind: 'entrance-choice',
      identity: 'sub-account',
      entrance: 'settle',
      loginName: ' 我的小店 ： 客服01 ',
    });
    expect(f?.message.zh).toContain('我的小店:客服01');
    expect(f?.message.en).toContain('我的小店:客服01');
  });

  it('a not-whitelisted main account is told how to get whitelisted', () => {
    const f = findingOf('matrix.whitelist.required', invite({}), ctx({ whitelisted: false }));
    expect(f?.message.zh).toContain('行业小二');
    expect(f?.message.en).toContain('行业小二');
  });

  it('unbinding lists the permissions that will be withdrawn', () => {
    const f = findingOf('unbind.withdraws-permissions', {
      kind: 'unbind',
      guangguangId: 'bound01',
      by: 'main',
    });
    expect(f?.message.zh).toContain('代理发布、代理互动、商品池');
    expect(f?.message.en).toContain('proxy publishing, proxy interaction, product pool');
  });

  it('the matrix account gets an email template with main account, 逛逛号, reason and date', () => {
    const f = findingOf('unbind.matrix-by-email', {
      kind: 'unbind',
      guangguangId: 'bound01',
      by: 'matrix',
      reason: '合作结束',
    });
    for (const text of [f?.message.zh ?? '', f?.message.en ?? '']) {
      expect(text).toContain('某某天猫官方');
      expect(text).toContain('main001');
      expect(text).toContain('bound01');
      expect(text).toContain('合作结束');
      expect(text).toContain('2025-06-01');
    }
  });

  it('the email template has placeholders for what is not known', () => {
    const f = findingOf(
      'unbind.matrix-by-email',
      { kind: 'unbind', guangguangId: '', by: 'matrix' },
      ctx({ workspace: null }),
    );
    expect(f?.message.zh).toContain('〈主账号〉');
    expect(f?.message.zh).toContain('〈原因〉');
    expect(f?.message.en).toContain('<matrix 逛逛号>');
  });

  it('products and a shop together name both', () => {
    const f = findingOf(
      'publish.products.with-shop',
      video({ products: ['草编遮阳帽'], shops: ['小林的杂货铺'] }),
    );
    expect(f?.message.zh).toContain('草编遮阳帽');
    expect(f?.message.zh).toContain('小林的杂货铺');
    expect(f?.severity).toBe('block');
  });

  it('length messages say how characters are counted', () => {
    const f = findingOf('publish.title.too-long', video({ title: '字'.repeat(32) }));
    expect(f?.message.zh).toContain('32');
    expect(f?.message.zh).toContain('每个汉字');
    expect(f?.message.en).toContain('each 汉字');
    const g = findingOf('publish.title.length-uncertain', video({ title: '😀'.repeat(20) }));
    expect(g?.message.en).toContain('40');
  });

  it('a foreign number names its region', () => {
    const f = findingOf('invite.phone.non-mainland', invite({ phone: '+852 9123 4567' }));
    expect(f?.message.en).toContain('HK');
    expect(f?.message.en).toContain('+852');
  });

  it('a data-only number names the segment and operator', () => {
    const f = findingOf('invite.phone.data-only', invite({ phone: '145 0013 8000' }));
    expect(f?.message.zh).toContain('145');
    expect(f?.message.zh).toContain('中国联通');
    expect(f?.message.zh).toContain('上网卡');
  });

  it('the page mismatch names both accounts', () => {
    const f = findingOf(
      'account.page-mismatch',
      video({}),
      ctx({ pageAccount: { guangguangId: 'bound01', nickname: '门店一号' } }),
    );
    expect(f?.message.zh).toContain('门店一号（逛逛号 bound01）');
    expect(f?.message.zh).toContain('某某天猫官方（逛逛号 main001）');
  });

  it('a missing permission says its state', () => {
    const f = findingOf('proxy.permission.missing', video({ actingAs: 'req01' }));
    expect(f?.message.zh).toContain('等待对方同意');
    const g = findingOf('proxy.permission.missing', {
      kind: 'proxy-interaction',
      actingAs: 'req01',
      action: 'like',
    });
    expect(g?.message.zh).toContain('代理互动');
    expect(g?.message.zh).toContain('已回收');
    expect(g?.message.zh).toContain('点赞');
  });

  it('fields point at what to fix', () => {
    expect(findingOf('proxy.unknown-account', video({ actingAs: 'stranger99' }))?.field).toBe('actingAs');
    expect(
      findingOf('binding.unknown', { kind: 'unbind', guangguangId: 'stranger99', by: 'main' })?.field,
    ).toBe('guangguangId');
    expect(findingOf('invite.phone.format', invite({ phone: '123' }))?.field).toBe('phone');
  });
});
