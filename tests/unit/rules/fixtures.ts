import {
  checkSubmission,
  type Finding,
  type KnownAccount,
  type RuleContext,
  type Submission,
} from '@/utils/rules';

/** 2025-06-01 12:00 Beijing time (04:00 UTC). */
export const NOW = Date.UTC(2025, 5, 1, 4, 0);

export const ACCOUNTS: KnownAccount[] = [
  {
    guangguangId: 'bound01',
    nickname: '门店一号',
    state: 'accepted',
    phoneHash: 'h-bound01',
    permissions: [
      { scope: 'proxy-publish', state: 'granted' },
      { scope: 'proxy-interaction', state: 'granted' },
      { scope: 'product-pool', state: 'granted' },
    ],
  },
  { guangguangId: 'bound02', nickname: '员工号', state: 'accepted', permissions: [] },
  {
    guangguangId: 'req01',
    state: 'accepted',
    permissions: [
      { scope: 'proxy-publish', state: 'requested' },
      { scope: 'proxy-interaction', state: 'revoked' },
    ],
  },
  { guangguangId: 'pending01', state: 'pending', permissions: [] },
  { guangguangId: 'declined01', state: 'declined', permissions: [] },
  {
    guangguangId: 'unbound01',
    state: 'unbound',
    permissions: [{ scope: 'proxy-publish', state: 'revoked' }],
  },
  { guangguangId: 'known01', state: 'expired', phoneHash: 'h-known01', permissions: [] },
];

/** A whitelisted Tmall merchant's workspace, logged in on the page as itself. */
export function ctx(over: Partial<RuleContext> = {}): RuleContext {
  return {
    now: NOW,
    workspace: { guangguangId: 'main001', nickname: '某某天猫官方', identity: 'tmall-merchant' },
    accounts: ACCOUNTS,
    whitelisted: true,
    pageAccount: { guangguangId: 'main001', nickname: '某某天猫官方' },
    ...over,
  };
}

export function check(sub: unknown, context: RuleContext = ctx()): Finding[] {
  return checkSubmission(sub as Submission, context);
}

export function ruleIds(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.ruleId);
}

export function findingOf(ruleId: string, sub: unknown, context: RuleContext = ctx()): Finding | undefined {
  return check(sub, context).find((f) => f.ruleId === ruleId);
}

export const goodVideo = {
  kind: 'proxy-publish-video',
  actingAs: 'bound01',
  title: '夏日穿搭分享',
  description: '今天分享三套通勤穿搭 #穿搭',
  tags: ['穿搭'],
  products: ['623456789012'],
  schedule: { mode: 'now' },
  declaration: '内容无需标注',
} as const satisfies Submission;

export const goodImage = {
  ...goodVideo,
  kind: 'proxy-publish-image',
  images: 3,
} as const satisfies Submission;

export const goodInvite = { kind: 'matrix-invite', guangguangId: 'new12345', phone: '13800138000' } as const;

export function video(over: Record<string, unknown>): unknown {
  return { ...goodVideo, ...over };
}
export function image(over: Record<string, unknown>): unknown {
  return { ...goodImage, ...over };
}
export function invite(over: Record<string, unknown>): unknown {
  return { ...goodInvite, ...over };
}
export function scheduled(at: string, over: Record<string, unknown> = {}): unknown {
  return video({ schedule: { mode: 'scheduled', at }, ...over });
}
