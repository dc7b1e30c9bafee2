/**
 * One `checkSubmission` call per submission kind, on a context with 1,000 known accounts.
 * Run: `npx vitest bench bench/check-submission.bench.ts --run`.
 */
import { expect, test } from 'vitest';
import { checkSubmission, type KnownAccount, type RuleContext, type Submission } from '@/utils/rules';

const NOW = Date.UTC(2025, 5, 1, 4, 0);

const accounts: KnownAccount[] = Array.from({ length: 1000 }, (_, i) => ({
  guangguangId: `gg${String(i).padStart(6, '0')}`,
  nickname: `矩阵账号${i}`,
  state: i % 10 === 0 ? 'pending' : 'accepted',
  phoneHash: `hash-${i}`,
  permissions: [
    { scope: 'proxy-publish', state: 'granted' },
    { scope: 'proxy-interaction', state: i % 2 ? 'granted' : 'requested' },
    { scope: 'product-pool', state: 'granted' },
  ],
}));

const context: RuleContext = {
  now: NOW,
  workspace: { guangguangId: 'main000', nickname: '某某天猫官方', identity: 'tmall-merchant' },
  accounts,
  whitelisted: true,
  pageAccount: { guangguangId: 'main000', nickname: '某某天猫官方' },
};

/** The last bound account: a lookup has to go through the whole ledger. */
const last = 'gg000999';

const submissions: Record<Submission['kind'], Submission> = {
  'entrance-choice': {
    kind: 'entrance-choice',
    identity: 'sub-account',
    entrance: 'settle',
    loginName: '我的小店：客服01',
  },
  'nickname-confirm': {
    kind: 'nickname-confirm',
    identity: 'tmall-merchant',
    storeName: 'XXXX官方旗舰店',
    nickname: 'XXXX天猫官方',
  },
  'matrix-invite': {
    kind: 'matrix-invite',
    guangguangId: 'newcomer01',
    phone: '+86 138 0013 8000',
    phoneHash: 'h',
  },
  'permission-request': {
    kind: 'permission-request',
    guangguangId: last,
    scopes: ['proxy-publish', 'shop-card'],
  },
  'product-pool-grant': { kind: 'product-pool-grant', guangguangId: last, shopCard: true },
  unbind: { kind: 'unbind', guangguangId: last, by: 'main' },
  'roster-unbind': { kind: 'roster-unbind', guangguangId: last, nickname: '糖糖探店记' },
  'proxy-publish-video': {
    kind: 'proxy-publish-video',
    actingAs: last,
    title: '夏日通勤穿搭分享😀',
    description: `${'今天分享三套通勤穿搭，'.repeat(60)} #穿搭 #通勤`,
    tags: ['穿搭', '通勤', '夏日'],
    products: ['623456789012', '623456789013', '623456789014'],
    schedule: { mode: 'scheduled', at: '2025-06-03 20:00' },
    declaration: '内容含营销信息',
  },
  'proxy-publish-image': {
    kind: 'proxy-publish-image',
    actingAs: last,
    title: '夏日通勤穿搭',
    description: '三套通勤穿搭 #穿搭',
    tags: ['穿搭'],
    products: ['623456789012'],
    schedule: { mode: 'now' },
    declaration: '内容无需标注',
    images: 6,
  },
  'batch-publish': {
    kind: 'batch-publish',
    items: Array.from({ length: 50 }, (_, i) => ({
      title: `短剧 第${i + 1}集`,
      description: '剧情简介 #短剧',
      schedule: { mode: 'scheduled' as const, at: '2025-06-03 20:00' },
    })),
    declaration: '含虚构演绎内容',
  },
  'proxy-interaction': { kind: 'proxy-interaction', actingAs: last, action: 'reply', text: '谢谢喜欢！' },
};

test('checkSubmission, one call per kind, 1,000 accounts', async ({ bench }) => {
  for (const sub of Object.values(submissions))
    expect(Array.isArray(checkSubmission(sub, context))).toBe(true);
  await bench.compare(
    ...Object.entries(submissions).map(([kind, sub]) =>
      bench(kind, () => void checkSubmission(sub, context)),
    ),
    { time: 500 },
  );
});
