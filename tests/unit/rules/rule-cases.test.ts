/**
 * Every rule of the catalogue, with submissions that must make it fire (`bad`) and submissions that
 * must not (`good`). A rule missing from this table fails the suite, so a new rule cannot land
 * without its cases.
 */
import { describe, expect, it } from 'vitest';
import { RULES, type RuleContext } from '@/utils/rules';
import {
  check,
  ctx,
  goodImage,
  goodInvite,
  goodVideo,
  image,
  invite,
  NOW,
  ruleIds,
  scheduled,
  video,
} from './fixtures';

interface Case {
  sub: unknown;
  ctx?: RuleContext;
  /** Shown in the test name. */
  note?: string;
}

const entrance = (over: Record<string, unknown>) => ({
  kind: 'entrance-choice',
  entrance: 'settle',
  ...over,
});
const nick = (over: Record<string, unknown>) => ({
  kind: 'nickname-confirm',
  identity: 'expert',
  nickname: '小美',
  ...over,
});
const tmall = (storeName: string | undefined, nickname = '') => ({
  kind: 'nickname-confirm',
  identity: 'tmall-merchant',
  nickname,
  ...(storeName === undefined ? {} : { storeName }),
});
const perm = (guangguangId: string, scopes: unknown[]) => ({
  kind: 'permission-request',
  guangguangId,
  scopes,
});
const pool = (guangguangId: string, shopCard?: boolean) => ({
  kind: 'product-pool-grant',
  guangguangId,
  ...(shopCard === undefined ? {} : { shopCard }),
});
const rosterUnbind = (guangguangId: string, nickname = '') => ({
  kind: 'roster-unbind',
  guangguangId,
  nickname,
});
/** An institution's roster as the assistant recorded it. */
const roster = ctx({
  roster: {
    institution: '星河文化传媒',
    members: [
      { nickname: '糖糖探店记', guangguangId: '4410000023', status: 'listed', binding: 'bound' },
      { nickname: '阿花', guangguangId: '4410000024', status: 'missing', binding: 'bound' },
      { nickname: '老王', guangguangId: '4410000025', status: 'gone', binding: 'bound' },
      { nickname: '小雨', guangguangId: '4410000026', status: 'listed', binding: 'other' },
      { nickname: '无号达人', guangguangId: null, status: 'listed', binding: 'bound' },
    ],
  },
});

/** A publish for a creator: the form's 发布账号 and the 达人管理 row that opened it. */
const creatorOf = (id: string) => (id ? { creator: { guangguangId: id, nickname: '' } } : {});
const forCreator = (id: string, openedFor = '') =>
  video({ actingAs: undefined, ...creatorOf(id), ...(openedFor ? { openedFor } : {}) });
const batch = (items: Record<string, unknown>[], over: Record<string, unknown> = {}) => ({
  kind: 'batch-publish',
  items: items.map((it) => ({ title: '', description: '', schedule: { mode: 'now' }, ...it })),
  declaration: '内容无需标注',
  ...over,
});

const unbind = (guangguangId: string, by: 'main' | 'matrix' = 'main') => ({
  kind: 'unbind',
  guangguangId,
  by,
});
const interact = (over: Record<string, unknown>) => ({
  kind: 'proxy-interaction',
  actingAs: 'bound01',
  action: 'comment',
  text: '说得好',
  ...over,
});

export const CASES: Record<string, { bad: Case[]; good: Case[] }> = {
  // entrance-choice
  'entrance.identity-mismatch': {
    bad: [
      { sub: entrance({ identity: 'institution', entrance: 'settle' }) },
      { sub: entrance({ identity: 'institution', entrance: 'creator-service' }) },
      { sub: entrance({ identity: 'expert', entrance: 'institution-service' }) },
      { sub: entrance({ identity: 'tmall-merchant', entrance: 'institution-service' }) },
    ],
    good: [
      { sub: entrance({ identity: 'expert', entrance: 'settle' }) },
      { sub: entrance({ identity: 'taobao-merchant', entrance: 'creator-service' }) },
      { sub: entrance({ identity: 'institution', entrance: 'institution-service' }) },
      { sub: entrance({ identity: 'sub-account', entrance: 'creator-service' }) },
    ],
  },
  'entrance.identity-unknown': {
    bad: [{ sub: entrance({}) }, { sub: entrance({ identity: 'robot' }) }],
    good: [{ sub: entrance({ identity: 'brand' }) }],
  },
  'entrance.first-login-confirmation': {
    bad: [{ sub: entrance({ identity: 'expert', entrance: 'creator-service' }) }, { sub: entrance({}) }],
    good: [{ sub: entrance({ identity: 'institution', entrance: 'institution-service' }) }],
  },
  'login.sub-account.no-colon': {
    bad: [{ sub: entrance({ identity: 'sub-account', loginName: '我的小店客服01' }) }],
    good: [
      { sub: entrance({ identity: 'sub-account', loginName: '我的小店:客服01' }) },
      { sub: entrance({ identity: 'sub-account', loginName: '我的小店：客服01' }) },
      { sub: entrance({ identity: 'sub-account' }), note: 'no login name yet' },
      { sub: entrance({ identity: 'taobao-merchant', loginName: '我的小店' }) },
    ],
  },
  'login.sub-account.fullwidth-colon': {
    bad: [{ sub: entrance({ identity: 'sub-account', loginName: '我的小店：客服01' }) }],
    good: [{ sub: entrance({ identity: 'sub-account', loginName: '我的小店:客服01' }) }],
  },
  'login.sub-account.empty-part': {
    bad: [
      { sub: entrance({ identity: 'sub-account', loginName: '我的小店:' }) },
      { sub: entrance({ identity: 'sub-account', loginName: '：客服01' }) },
      { sub: entrance({ identity: 'sub-account', loginName: '店:客服:01' }) },
    ],
    good: [{ sub: entrance({ identity: 'sub-account', loginName: '我的小店:客服01' }) }],
  },
  'login.colon-not-sub-account': {
    bad: [{ sub: entrance({ identity: 'taobao-merchant', loginName: '我的小店：客服01' }) }],
    good: [
      { sub: entrance({ identity: 'sub-account', loginName: '我的小店:客服01' }) },
      { sub: entrance({ identity: 'taobao-merchant', loginName: '我的小店' }) },
    ],
  },

  // nickname-confirm
  'nickname.required': {
    bad: [{ sub: nick({ nickname: '  ' }) }, { sub: { kind: 'nickname-confirm', identity: 'expert' } }],
    good: [{ sub: nick({}) }, { sub: tmall('XXXX官方旗舰店'), note: 'Tmall: generated by the platform' }],
  },
  'nickname.unified': {
    bad: [{ sub: nick({}) }, { sub: tmall('XXXX官方旗舰店') }],
    good: [{ sub: nick({ identity: 'institution' }) }],
  },
  'nickname.live-room-april': {
    bad: [{ sub: nick({ identity: 'expert' }) }, { sub: nick({ identity: 'taobao-merchant' }) }],
    good: [{ sub: tmall('XXXX官方旗舰店') }, { sub: nick({ identity: 'brand' }) }],
  },
  'nickname.tmall.irreversible': {
    bad: [{ sub: tmall('XXXX官方旗舰店') }, { sub: tmall('某某旗舰店') }, { sub: tmall(undefined) }],
    good: [{ sub: nick({ identity: 'taobao-merchant' }) }],
  },
  'nickname.tmall.differs': {
    bad: [
      { sub: tmall('XXXX官方旗舰店', 'XXXX官方旗舰店') },
      { sub: tmall('某某专卖店', '某某专卖店') },
      { sub: tmall('某某专营店', '某某') },
    ],
    good: [
      { sub: tmall('XXXX官方旗舰店', 'XXXX天猫官方') },
      { sub: tmall('某某专卖店', '某某专卖') },
      { sub: tmall('某某专营店', '某某专营') },
      { sub: tmall('XXXX官方旗舰店'), note: 'nickname not typed' },
      { sub: tmall('某某旗舰店', '随便'), note: 'store type not covered' },
    ],
  },
  'nickname.tmall.store-type-uncovered': {
    bad: [
      { sub: tmall('某某旗舰店') },
      { sub: tmall('某某海外旗舰店') },
      { sub: tmall('某某官方海外旗舰店') },
      { sub: tmall('某某卖场型旗舰店') },
      { sub: tmall('某某企业店') },
      { sub: tmall('某某小铺') },
    ],
    good: [
      { sub: tmall('XXXX官方旗舰店') },
      { sub: tmall('某某专卖店') },
      { sub: tmall('某某专营店') },
      { sub: tmall(undefined) },
    ],
  },
  'nickname.tmall.store-name-missing': {
    bad: [{ sub: tmall(undefined) }, { sub: tmall('   ') }],
    good: [{ sub: tmall('XXXX官方旗舰店') }, { sub: nick({}) }],
  },

  // matrix feature
  'matrix.whitelist.required': {
    bad: [
      { sub: goodInvite, ctx: ctx({ whitelisted: false }) },
      { sub: perm('bound02', ['proxy-publish']), ctx: ctx({ whitelisted: false }) },
      { sub: pool('bound02'), ctx: ctx({ whitelisted: false }) },
    ],
    good: [{ sub: goodInvite }, { sub: goodInvite, ctx: ctx({ whitelisted: 'unknown' }) }],
  },
  'matrix.whitelist.unknown': {
    bad: [{ sub: goodInvite, ctx: ctx({ whitelisted: 'unknown' }) }],
    good: [{ sub: goodInvite }, { sub: goodInvite, ctx: ctx({ whitelisted: false }) }],
  },
  'matrix.main-account-identity': {
    bad: [
      { sub: goodInvite, ctx: ctx({ workspace: { guangguangId: 'main001', identity: 'expert' } }) },
      { sub: pool('bound02'), ctx: ctx({ workspace: { guangguangId: 'main001', identity: 'institution' } }) },
    ],
    good: [
      { sub: goodInvite },
      { sub: goodInvite, ctx: ctx({ workspace: { guangguangId: 'main001', identity: 'brand' } }) },
      { sub: goodInvite, ctx: ctx({ workspace: { guangguangId: 'main001' } }) },
    ],
  },
  'invite.guangguang-id.required': {
    bad: [
      { sub: invite({ guangguangId: '' }) },
      { sub: invite({ guangguangId: '逛逛号：' }) },
      { sub: { kind: 'matrix-invite', phone: '13800138000' } },
    ],
    good: [{ sub: goodInvite }, { sub: perm('', ['proxy-publish']), note: 'row actions only warn' }],
  },
  'account.guangguang-id.missing': {
    bad: [{ sub: perm('  ', ['proxy-publish']) }, { sub: pool('') }, { sub: unbind('') }],
    good: [
      { sub: perm('bound02', ['proxy-publish']) },
      { sub: unbind('', 'matrix'), note: 'the email template has a placeholder' },
      { sub: invite({ guangguangId: '' }), note: 'invites block instead' },
    ],
  },
  'binding.not-accepted': {
    bad: [
      { sub: perm('pending01', ['proxy-publish']) },
      { sub: pool('declined01') },
      { sub: pool('unbound01') },
    ],
    good: [{ sub: perm('bound02', ['proxy-publish']) }, { sub: perm('stranger99', ['proxy-publish']) }],
  },
  'binding.unknown': {
    bad: [
      { sub: perm('stranger99', ['proxy-publish']) },
      { sub: pool('stranger99') },
      { sub: unbind('stranger99') },
    ],
    good: [
      { sub: perm('bound02', ['proxy-publish']) },
      { sub: perm('BOUND02', ['proxy-publish']), note: 'ids compare case-insensitively' },
      { sub: unbind('stranger99', 'matrix') },
      { sub: video({ actingAs: 'stranger99' }), note: 'proxy.unknown-account instead' },
    ],
  },

  // matrix-invite
  'invite.guangguang-id.malformed': {
    bad: [{ sub: invite({ guangguangId: 'abc 123' }) }, { sub: invite({ guangguangId: '小美abc123' }) }],
    good: [
      { sub: goodInvite },
      { sub: invite({ guangguangId: '  逛逛号：abc123 ' }), note: 'label and spaces stripped' },
      { sub: invite({ guangguangId: '@abc123' }) },
      { sub: invite({ guangguangId: '小美' }), note: 'only a warning' },
    ],
  },
  'invite.guangguang-id.unusual': {
    bad: [
      { sub: invite({ guangguangId: '小美' }) },
      { sub: invite({ guangguangId: 'ab' }) },
      { sub: invite({ guangguangId: 'a#b$c!' }) },
      { sub: invite({ guangguangId: 'x'.repeat(40) }) },
    ],
    good: [
      { sub: goodInvite },
      { sub: invite({ guangguangId: 'guang_001' }) },
      { sub: invite({ guangguangId: '２２０１１２３４' }), note: 'full-width digits' },
    ],
  },
  'invite.phone.required': {
    bad: [
      { sub: invite({ phone: '' }) },
      { sub: invite({ phone: ' - ' }) },
      { sub: invite({ phone: undefined }) },
    ],
    good: [{ sub: goodInvite }, { sub: invite({ phone: 'abc' }) }],
  },
  'invite.phone.format': {
    bad: [
      { sub: invite({ phone: '12345' }) },
      { sub: invite({ phone: '1380013800' }) },
      { sub: invite({ phone: '+852 9123 4567' }) },
      { sub: invite({ phone: '1440012345678' }), note: '13-digit IoT' },
      { sub: invite({ phone: '010-12345678' }), note: 'landline' },
      { sub: invite({ phone: '138oo138ooo' }) },
    ],
    good: [
      { sub: goodInvite },
      { sub: invite({ phone: '+86 138 0013 8000' }) },
      { sub: invite({ phone: '１３８００１３８０００' }) },
      { sub: invite({ phone: '' }), note: 'empty is phone.required' },
    ],
  },
  'invite.phone.non-mainland': {
    bad: [{ sub: invite({ phone: '+852 9123 4567' }) }, { sub: invite({ phone: '001 650 253 0000' }) }],
    good: [{ sub: goodInvite }, { sub: invite({ phone: '12345' }) }],
  },
  'invite.phone.unallocated': {
    bad: [{ sub: invite({ phone: '15400138000' }) }, { sub: invite({ phone: '19400138000' }) }],
    good: [
      { sub: goodInvite },
      { sub: invite({ phone: '19212345678' }) },
      { sub: invite({ phone: '14500138000' }) },
    ],
  },
  'invite.phone.data-only': {
    bad: [
      { sub: invite({ phone: '14500138000' }) },
      { sub: invite({ phone: '147 0013 8000' }) },
      { sub: invite({ phone: '14800138000' }) },
      { sub: invite({ phone: '1440012345678' }), note: '13-digit IoT' },
      { sub: invite({ phone: '1064812345678' }), note: '13-digit 1064x IoT' },
    ],
    good: [{ sub: goodInvite }, { sub: invite({ phone: '17012345678' }) }],
  },
  'invite.phone.satellite': {
    bad: [{ sub: invite({ phone: '13491234567' }) }, { sub: invite({ phone: '17400012345' }) }],
    good: [{ sub: goodInvite }, { sub: invite({ phone: '13401234567' }) }],
  },
  'invite.phone.virtual-operator': {
    bad: [
      { sub: invite({ phone: '17012345678' }) },
      { sub: invite({ phone: '17112345678' }) },
      { sub: invite({ phone: '16212345678' }) },
      { sub: invite({ phone: '16512345678' }) },
      { sub: invite({ phone: '16712345678' }) },
    ],
    good: [{ sub: goodInvite }, { sub: invite({ phone: '19212345678' }), note: '192 is ordinary' }],
  },
  'invite.phone.registered': {
    bad: [{ sub: goodInvite }, { sub: invite({ guangguangId: 'known01' }), note: 'no hash given' }],
    good: [
      { sub: invite({ guangguangId: 'known01', phoneHash: 'h-known01' }) },
      { sub: invite({ phone: '12345' }), note: 'format problem first' },
    ],
  },
  'invite.phone.hash-mismatch': {
    bad: [{ sub: invite({ guangguangId: 'known01', phoneHash: 'h-other' }) }],
    good: [
      { sub: invite({ guangguangId: 'known01', phoneHash: 'h-known01' }) },
      { sub: invite({ phoneHash: 'h-other' }), note: 'nothing recorded' },
      { sub: invite({ guangguangId: 'known01' }), note: 'no hash given' },
    ],
  },
  'invite.self': {
    bad: [
      { sub: invite({ guangguangId: 'main001' }) },
      { sub: invite({ guangguangId: ' MAIN001 ' }) },
      {
        sub: invite({ guangguangId: 'page777' }),
        ctx: ctx({ workspace: null, pageAccount: { guangguangId: 'page777' } }),
      },
    ],
    good: [{ sub: goodInvite }, { sub: goodInvite, ctx: ctx({ workspace: null, pageAccount: null }) }],
  },
  'invite.already-bound': {
    bad: [{ sub: invite({ guangguangId: 'bound01' }) }],
    good: [
      { sub: goodInvite },
      { sub: invite({ guangguangId: 'pending01' }) },
      { sub: invite({ guangguangId: 'unbound01' }) },
    ],
  },
  'invite.already-pending': {
    bad: [{ sub: invite({ guangguangId: 'pending01' }) }],
    good: [{ sub: goodInvite }, { sub: invite({ guangguangId: 'declined01' }) }],
  },
  'invite.previously-declined': {
    bad: [{ sub: invite({ guangguangId: 'declined01' }) }],
    good: [{ sub: goodInvite }, { sub: invite({ guangguangId: 'pending01' }) }],
  },
  'invite.prior-agreement': {
    bad: [{ sub: goodInvite }],
    good: [{ sub: perm('bound02', ['proxy-publish']), note: 'only on invites' }],
  },
  'invite.commercial-deal': {
    bad: [{ sub: goodInvite }],
    good: [{ sub: pool('bound02'), note: 'only on invites' }],
  },

  // permission-request
  'permission.scopes.empty': {
    bad: [{ sub: perm('bound02', []) }, { sub: { kind: 'permission-request', guangguangId: 'bound02' } }],
    good: [
      { sub: perm('bound02', ['proxy-publish']) },
      { sub: perm('bound02', ['bogus']), note: 'unknown warns instead' },
    ],
  },
  'permission.scope.unknown': {
    bad: [{ sub: perm('bound02', ['proxy-publish', 'admin']) }],
    good: [{ sub: perm('bound02', ['proxy-publish', 'proxy-interaction']) }],
  },
  'permission.scope.already': {
    bad: [
      { sub: perm('bound01', ['proxy-publish']) },
      { sub: perm('req01', ['proxy-publish']), note: 'requested, waiting' },
    ],
    good: [
      { sub: perm('bound02', ['proxy-publish', 'proxy-interaction']) },
      { sub: perm('req01', ['proxy-interaction']), note: 'revoked may be asked again' },
    ],
  },
  'permission.matrix-must-accept': {
    bad: [{ sub: perm('bound02', ['proxy-publish']) }],
    good: [{ sub: perm('bound02', []) }],
  },
  'permission.responsibility': {
    bad: [
      { sub: perm('bound02', ['proxy-interaction']) },
      { sub: perm('bound02', ['proxy-publish', 'shop-card']) },
    ],
    good: [{ sub: perm('bound02', ['product-pool', 'shop-card']) }],
  },

  // product-pool-grant
  'product-pool.already-granted': {
    bad: [{ sub: pool('bound01') }],
    good: [{ sub: pool('bound02') }, { sub: pool('bound01', true), note: 'shop card not granted yet' }],
  },
  'product-pool.what-it-does': {
    bad: [{ sub: pool('bound02') }, { sub: pool('bound02', true) }],
    good: [{ sub: goodInvite, note: 'only on product-pool grants' }],
  },

  // unbind
  'unbind.not-bound': {
    bad: [{ sub: unbind('pending01') }, { sub: unbind('unbound01') }],
    good: [{ sub: unbind('bound01') }, { sub: unbind('pending01', 'matrix') }, { sub: unbind('stranger99') }],
  },
  'unbind.withdraws-permissions': {
    bad: [{ sub: unbind('bound01') }],
    good: [{ sub: unbind('bound02') }, { sub: unbind('bound01', 'matrix') }, { sub: unbind('unbound01') }],
  },
  'unbind.matrix-by-email': {
    bad: [{ sub: unbind('bound01', 'matrix') }],
    good: [
      { sub: unbind('bound01') },
      { sub: { kind: 'unbind', guangguangId: 'bound01' }, note: 'by defaults to main' },
    ],
  },

  // an institution unbinding a creator (达人管理)
  'roster-unbind.consequences': {
    bad: [
      { sub: rosterUnbind('4410000023', '糖糖探店记'), ctx: roster },
      { sub: rosterUnbind('', ''), note: 'the creator unknown: still said' },
    ],
    good: [{ sub: unbind('bound01'), note: 'a matrix unbind is another kind' }],
  },
  'roster-unbind.not-in-roster': {
    bad: [
      { sub: rosterUnbind('4410009999', '陌生人'), ctx: roster },
      { sub: rosterUnbind('4410000023', '糖糖探店记'), note: 'no roster read yet' },
    ],
    good: [
      { sub: rosterUnbind('4410000023', '糖糖探店记'), ctx: roster },
      { sub: rosterUnbind('', '无号达人'), ctx: roster, note: 'known by nickname only' },
    ],
  },
  'roster-unbind.not-bound': {
    bad: [
      { sub: rosterUnbind('4410000024'), ctx: roster, note: 'missing' },
      { sub: rosterUnbind('4410000025'), ctx: roster, note: 'gone' },
      { sub: rosterUnbind('4410000026'), ctx: roster, note: 'other tab' },
    ],
    good: [
      { sub: rosterUnbind('4410000023'), ctx: roster },
      { sub: rosterUnbind('4410009999'), ctx: roster, note: 'unknown: the other rule says so' },
    ],
  },

  // proxy actions
  'proxy.acting-as.missing': {
    bad: [{ sub: interact({ actingAs: ' ' }) }, { sub: interact({ actingAs: undefined }) }],
    good: [{ sub: interact({}) }, { sub: video({ actingAs: '' }), note: 'publishing as oneself is allowed' }],
  },
  'publish.acting-as.self': {
    bad: [{ sub: video({ actingAs: '' }) }, { sub: { ...goodImage, actingAs: undefined } }],
    good: [
      { sub: goodVideo },
      { sub: goodImage },
      { sub: forCreator('4410000023'), note: 'publishing for a creator on the institution platform' },
      { sub: video({ actingAs: '', openedFor: '4410000023' }), note: 'opened from a 达人管理 row' },
    ],
  },
  'publish.creator.other-than-row': {
    bad: [
      { sub: forCreator('4410000024', '4410000023'), ctx: roster },
      { sub: forCreator('4410000024', '4410000023'), note: 'no roster: named by 逛逛号' },
      { sub: batch([{ title: '第一集' }], { ...creatorOf('4410000024'), openedFor: '4410000023' }) },
    ],
    good: [
      { sub: forCreator('4410000023', '4410000023'), ctx: roster },
      { sub: forCreator('4410000023'), ctx: roster, note: 'opened without a row' },
      { sub: forCreator('', '4410000023'), ctx: roster, note: 'the form names no creator' },
      { sub: goodVideo, note: 'the creator platform' },
    ],
  },
  'publish.creator.not-in-roster': {
    bad: [
      { sub: forCreator('4410009999', '4410009999'), ctx: roster, note: 'not recorded' },
      { sub: forCreator('4410000024', '4410000024'), ctx: roster, note: 'missing' },
      { sub: forCreator('4410000025'), ctx: roster, note: 'gone' },
      { sub: forCreator('4410000026'), ctx: roster, note: 'other tab' },
      { sub: forCreator('', '4410009999'), ctx: roster, note: 'only the row names them' },
      { sub: forCreator('4410000023'), ctx: ctx({ roster: null }), note: 'no roster read yet' },
      { sub: batch([{ title: '第一集' }], creatorOf('4410009999')), ctx: roster },
    ],
    good: [
      { sub: forCreator('4410000023', '4410000023'), ctx: roster },
      { sub: forCreator('4410009999'), note: 'not on the institution platform (no roster given)' },
      { sub: forCreator('', ''), ctx: roster, note: 'no creator named at all' },
    ],
  },
  'proxy.unknown-account': {
    bad: [
      { sub: video({ actingAs: 'stranger99' }) },
      { sub: image({ actingAs: '逛逛号：stranger99' }) },
      { sub: interact({ actingAs: 'stranger99' }) },
    ],
    good: [
      { sub: goodVideo },
      { sub: video({ actingAs: ' Bound01 ' }), note: 'normalised, case-insensitive' },
      { sub: video({ actingAs: '' }), note: 'publishing as oneself' },
    ],
  },
  'proxy.not-bound': {
    bad: [{ sub: video({ actingAs: 'pending01' }) }, { sub: interact({ actingAs: 'unbound01' }) }],
    good: [{ sub: goodVideo }, { sub: video({ actingAs: 'stranger99' }), note: 'unknown only warns' }],
  },
  'proxy.permission.missing': {
    bad: [
      { sub: video({ actingAs: 'bound02' }) },
      { sub: image({ actingAs: 'req01' }), note: 'requested, not yet granted' },
      { sub: interact({ actingAs: 'req01', action: 'like' }), note: 'revoked' },
    ],
    good: [{ sub: goodVideo }, { sub: goodImage }, { sub: interact({}) }],
  },
  'account.page-unconfirmed': {
    bad: [
      { sub: goodVideo, ctx: ctx({ pageAccount: null, pageAccountUnconfirmed: true }) },
      { sub: goodInvite, ctx: ctx({ pageAccount: null, pageAccountUnconfirmed: true }) },
    ],
    good: [
      { sub: goodVideo },
      { sub: goodVideo, ctx: ctx({ pageAccount: null }), note: 'never seen, not just logged in' },
      {
        sub: goodVideo,
        ctx: ctx({ pageAccount: { guangguangId: 'main001' }, pageAccountUnconfirmed: true }),
        note: 'an account seen since the login',
      },
      {
        sub: goodVideo,
        ctx: ctx({ workspace: null, pageAccount: null, pageAccountUnconfirmed: true }),
        note: 'no workspace to compare with',
      },
      {
        sub: entrance({}),
        ctx: ctx({ pageAccount: null, pageAccountUnconfirmed: true }),
        note: 'not on entrance choice',
      },
    ],
  },
  'account.page-mismatch': {
    bad: [
      { sub: goodVideo, ctx: ctx({ pageAccount: { guangguangId: 'bound01' } }) },
      { sub: goodInvite, ctx: ctx({ pageAccount: { guangguangId: 'other9' } }) },
      {
        sub: { kind: 'nickname-confirm', identity: 'expert', nickname: 'x' },
        ctx: ctx({ workspace: { nickname: '甲' }, pageAccount: { nickname: '乙' } }),
      },
    ],
    good: [
      { sub: goodVideo },
      { sub: goodVideo, ctx: ctx({ pageAccount: null }) },
      { sub: goodVideo, ctx: ctx({ pageAccount: { guangguangId: 'MAIN001' } }) },
      {
        sub: goodVideo,
        ctx: ctx({ workspace: { guangguangId: 'main001' }, pageAccount: { nickname: '某某' } }),
      },
      {
        sub: entrance({}),
        ctx: ctx({ pageAccount: { guangguangId: 'other9' } }),
        note: 'not on entrance choice',
      },
    ],
  },

  // publish
  'publish.title.too-long': {
    bad: [{ sub: video({ title: '字'.repeat(31) }) }, { sub: image({ title: 'a'.repeat(31) }) }],
    good: [
      { sub: video({ title: '字'.repeat(30) }) },
      { sub: video({ title: '😀'.repeat(30) }), note: '30 emoji: uncertain, not too long' },
      { sub: video({ title: '👨‍👩‍👧'.repeat(30) }) },
    ],
  },
  'publish.title.length-uncertain': {
    bad: [{ sub: video({ title: '😀'.repeat(16) }) }, { sub: video({ title: `${'字'.repeat(29)}👍🏽` }) }],
    good: [{ sub: video({ title: '字'.repeat(30) }) }, { sub: video({ title: '😀'.repeat(15) }) }],
  },
  'publish.description.too-long': {
    bad: [{ sub: video({ description: '字'.repeat(1001) }) }],
    good: [{ sub: video({ description: `${'字'.repeat(995)} #穿搭` }) }],
  },
  'publish.description.length-uncertain': {
    bad: [{ sub: video({ description: '👨‍👩‍👧'.repeat(200) }) }],
    good: [{ sub: video({ description: '字'.repeat(1000) }) }],
  },
  'publish.tags.too-many': {
    bad: [{ sub: video({ tags: ['a', 'b', 'c', 'd', 'e'] }) }],
    good: [
      { sub: video({ tags: ['a', 'b', 'c', 'd'] }) },
      { sub: video({ tags: ['a', 'a', 'b', 'c', 'd', ''] }) },
    ],
  },
  'publish.products.too-many': {
    bad: [{ sub: video({ products: ['1', '2', '3', '4', '5', '6', '7'] }) }],
    good: [{ sub: video({ products: ['1', '2', '3', '4', '5', '6'] }) }, { sub: video({ products: [] }) }],
  },
  'publish.products.with-shop': {
    bad: [{ sub: video({ products: ['草编遮阳帽'], shops: ['小林的杂货铺'] }) }],
    good: [
      { sub: video({ products: ['草编遮阳帽', '帆布托特包'] }) },
      { sub: video({ products: [], shops: ['小林的杂货铺'] }) },
      { sub: video({ products: [''], shops: ['小林的杂货铺'] }), note: 'empty entries do not count' },
    ],
  },
  'publish.products.duplicate': {
    bad: [{ sub: video({ products: ['1', '2', '1'] }) }, { sub: video({ products: ['１', '1'] }) }],
    good: [{ sub: video({ products: ['1', '2'] }) }],
  },
  'publish.topic.chosen': {
    bad: [{ sub: video({ topics: ['周末露营'] }) }, { sub: video({ topics: ['周末露营', ' 周末露营 '] }) }],
    good: [{ sub: goodVideo }, { sub: video({ topics: ['', ' '] }) }, { sub: video({ topics: ['a', 'b'] }) }],
  },
  'publish.topic.several': {
    bad: [{ sub: video({ topics: ['周末露营', '夏日穿搭'] }) }],
    good: [{ sub: video({ topics: ['周末露营'] }) }, { sub: video({ topics: ['周末露营', '周末露营'] }) }],
  },
  'publish.declaration.required': {
    bad: [
      { sub: video({ declaration: '' }) },
      { sub: video({ declaration: undefined }) },
      { sub: batch([{ title: '第一集' }], { declaration: '' }), note: 'a batch, once for all' },
    ],
    good: [{ sub: goodVideo }, { sub: batch([{ title: '第一集' }]) }],
  },
  'publish.declaration.unknown': {
    bad: [{ sub: video({ declaration: '随便写的' }) }],
    good: [
      { sub: video({ declaration: '含AI生成内容' }) },
      { sub: video({ declaration: '个人观点,仅供参考' }), note: 'half-width comma' },
      { sub: video({ declaration: '内容含营销信息 ⓘ' }), note: 'label with an icon' },
      { sub: video({ declaration: '' }), note: 'missing is declaration.required' },
    ],
  },
  'publish.schedule.unread': {
    bad: [{ sub: scheduled('') }, { sub: scheduled(' \u200b ') }],
    good: [{ sub: scheduled('2025-06-02 12:00') }, { sub: scheduled('明天下午') }, { sub: goodVideo }],
  },
  'publish.schedule.unparseable': {
    bad: [
      { sub: scheduled('明天下午') },
      { sub: scheduled('2025-02-30 10:00') },
      { sub: scheduled('2025-06-02') },
    ],
    good: [
      { sub: scheduled('2025-06-02 12:00') },
      { sub: scheduled('2025/06/02 12:00'), note: 'the date picker’s format' },
      { sub: scheduled(''), note: 'nothing read is publish.schedule.unread' },
      { sub: goodVideo },
    ],
  },
  'publish.schedule.no-clock': {
    bad: [{ sub: scheduled('2025-06-02 12:00'), ctx: ctx({ now: Number.NaN }) }],
    good: [{ sub: scheduled('2025-06-02 12:00') }, { sub: goodVideo, ctx: ctx({ now: Number.NaN }) }],
  },
  'publish.schedule.too-soon': {
    bad: [
      { sub: scheduled('2025-06-01 13:59') },
      { sub: scheduled('2025-05-01 10:00'), note: 'in the past' },
      { sub: scheduled('2025-06-01T05:30:00Z'), note: '13:30 Beijing' },
    ],
    good: [
      { sub: scheduled('2025-06-01 14:00'), note: 'exactly 2 h' },
      { sub: scheduled('2025-06-10 09:00') },
    ],
  },
  'publish.schedule.too-far': {
    bad: [{ sub: scheduled('2025-07-01 12:01') }, { sub: scheduled('2026-01-01 00:00') }],
    good: [{ sub: scheduled('2025-07-01 12:00'), note: 'exactly 30 days' }],
  },
  'publish.schedule.near-minimum': {
    bad: [{ sub: scheduled('2025-06-01 14:05') }, { sub: scheduled('2025-06-01 14:00') }],
    good: [{ sub: scheduled('2025-06-01 14:10') }, { sub: scheduled('2025-06-01 13:00') }],
  },
  'publish.schedule.timezone': {
    bad: [{ sub: scheduled('2025-06-02T04:00:00Z') }, { sub: scheduled('2025-06-02 06:00 +10:00') }],
    good: [{ sub: scheduled('2025-06-02T12:00:00+08:00') }, { sub: scheduled('2025-06-02 12:00') }],
  },
  'publish.image.count': {
    bad: [{ sub: image({ images: 0 }) }, { sub: image({ images: 10 }) }, { sub: image({ images: 2.5 }) }],
    good: [
      { sub: image({ images: 1 }) },
      { sub: image({ images: 9 }) },
      { sub: image({ images: undefined }) },
    ],
  },
  'publish.image.count-unknown': {
    bad: [{ sub: image({ images: undefined }) }, { sub: image({ images: '3' }) }],
    good: [{ sub: goodImage }, { sub: goodVideo, note: 'videos have no images' }],
  },
  'publish.image.text-required': {
    bad: [{ sub: image({ title: '', description: ' ' }) }],
    good: [
      { sub: image({ title: '标题', description: '' }) },
      { sub: image({ title: '', description: '正文' }) },
      { sub: video({ title: '', description: '' }), note: 'image-text only' },
    ],
  },

  // proxy-interaction
  'interaction.action.unknown': {
    bad: [{ sub: interact({ action: 'share' }) }, { sub: interact({ action: undefined }) }],
    good: [{ sub: interact({ action: 'like', text: undefined }) }, { sub: interact({ action: 'reply' }) }],
  },
  'interaction.text.required': {
    bad: [{ sub: interact({ text: '' }) }, { sub: interact({ action: 'reply', text: '   ' }) }],
    good: [{ sub: interact({}) }, { sub: interact({ action: 'like', text: '' }) }],
  },

  // engine
  'submission.unknown-kind': {
    bad: [{ sub: { kind: 'share-to-weibo' } }, { sub: null }, { sub: 42 }, { sub: {} }],
    good: [{ sub: goodVideo }],
  },
};

/** Rules proved elsewhere (they need a rule that throws: see engine.test.ts). */
const ELSEWHERE = new Set(['engine.rule-failed']);

describe('every rule has cases', () => {
  it('covers the whole catalogue and nothing else', () => {
    const ids = RULES.map((r) => r.id).filter((id) => !ELSEWHERE.has(id));
    expect(Object.keys(CASES).sort()).toEqual([...ids].sort());
  });
});

describe.each(RULES.filter((r) => !ELSEWHERE.has(r.id)).map((r) => [r.id, r] as const))('%s', (id, rule) => {
  const cases = CASES[id] ?? { bad: [], good: [] };

  it('has at least one bad and one good case', () => {
    expect(cases.bad.length).toBeGreaterThan(0);
    expect(cases.good.length).toBeGreaterThan(0);
  });

  it.each(cases.bad.map((c, i) => [i, c.note ?? JSON.stringify(c.sub)?.slice(0, 80) ?? '', c] as const))(
    'fires on bad #%i %s',
    (_i, _note, c) => {
      const findings = check(c.sub, c.ctx ?? ctx());
      const f = findings.find((x) => x.ruleId === id);
      expect(f, `${id} should fire; got ${ruleIds(findings).join(', ')}`).toBeDefined();
      expect(f?.severity).toBe(rule.severity);
      expect(f?.source).toBe(rule.source);
      // Every placeholder is filled.
      expect(f?.message.zh).not.toMatch(/\{\w+\}/);
      expect(f?.message.en).not.toMatch(/\{\w+\}/);
    },
  );

  it.each(cases.good.map((c, i) => [i, c.note ?? JSON.stringify(c.sub)?.slice(0, 80) ?? '', c] as const))(
    'stays quiet on good #%i %s',
    (_i, _note, c) => {
      expect(ruleIds(check(c.sub, c.ctx ?? ctx()))).not.toContain(id);
    },
  );
});

describe('good submissions of each kind are allowed', () => {
  it.each([
    ['video now', goodVideo],
    ['video as oneself', video({ actingAs: undefined })],
    ['image now', goodImage],
    ['video scheduled', scheduled('2025-06-03 20:00')],
    ['interaction', interact({})],
    ['permission', perm('bound02', ['proxy-publish'])],
    ['product pool', pool('bound02')],
    ['unbind', unbind('bound02')],
    ['invite', goodInvite],
    ['entrance', entrance({ identity: 'expert' })],
  ] as const)('%s', (_name, sub) => {
    const findings = check(sub);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('uses NOW in the fixtures', () => {
    expect(new Date(NOW).toISOString()).toBe('2025-06-01T04:00:00.000Z');
  });
});
