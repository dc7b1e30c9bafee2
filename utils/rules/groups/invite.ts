/** Inviting a matrix account: 逛逛号 + its registered phone (seed-001, platform.md §3.4). */
import { BINDING_STATE_LABELS, SEGMENT_CATEGORY_LABELS } from '../data/labels.ts';
import { OPERATOR_NAMES, SEGMENTS_AS_OF } from '../data/segments.ts';
import { defineRule, type CheckEnv } from '../engine.ts';
import { sameGuangguangId, shapeOfGuangguangId } from '../guangguang-id.ts';
import { analyzePhone, type PhoneAnalysis } from '../phone.ts';
import { clean, quote } from '../text.ts';
import { accountFor, shownId } from './shared.ts';

function phoneOf(env: CheckEnv, raw: string): PhoneAnalysis {
  return env.memo('phone', () => analyzePhone(raw));
}

function shownPhone(raw: string): string {
  return quote(raw.trim(), 24);
}

export const inviteRules = [
  defineRule({
    id: 'invite.guangguang-id.malformed',
    kinds: ['matrix-invite'],
    severity: 'block',
    field: 'guangguangId',
    source: 'seed-001',
    when: {
      zh: '逛逛号中间有空格，或汉字和字母/数字混在一起（明显不是一个号）',
      en: 'The 逛逛号 has spaces inside, or mixes Chinese characters with letters or digits (obviously not an id)',
    },
    message: {
      zh: '「{id}」不像一个逛逛号：{why}。请在对方的光合平台 头像 → 设置 → 我的逛逛号 里复制逛逛号本身。',
      en: '“{id}” does not look like a 逛逛号: {why}. Copy the id itself from their 光合平台: avatar → 设置 → 我的逛逛号.',
    },
    assumption: {
      zh: '逛逛号的格式没有公开。只有明显不是号码时才拦截；其他少见格式只提醒（见 invite.guangguang-id.unusual）。',
      en: 'The 逛逛号 format is not published. Only what is obviously not an id is blocked; other odd formats only warn (see invite.guangguang-id.unusual).',
    },
    check: (s) => {
      if (shapeOfGuangguangId(s.guangguangId) !== 'malformed') return null;
      const spaced = /\s/.test(clean(s.guangguangId));
      return {
        params: {
          id: quote(s.guangguangId.trim()),
          why: spaced
            ? { zh: '中间有空格', en: 'it has spaces inside' }
            : { zh: '汉字和字母/数字混在一起', en: 'it mixes Chinese characters with letters or digits' },
        },
      };
    },
  }),

  defineRule({
    id: 'invite.guangguang-id.unusual',
    kinds: ['matrix-invite'],
    severity: 'warn',
    field: 'guangguangId',
    source: 'seed-001',
    when: {
      zh: '逛逛号全是汉字（像昵称），或含字母、数字、_ . - 以外的字符，或短于 4 位、长于 32 位',
      en: 'The 逛逛号 is all Chinese (looks like a nickname), has characters other than letters, digits, _ . -, or is shorter than 4 or longer than 32',
    },
    message: {
      zh: '「{id}」{why}。逛逛号的格式平台没有公开，助手只做提醒：请确认填的是「我的逛逛号」里的号码，而不是昵称。',
      en: '“{id}” {why}. The 逛逛号 format is not published, so this is only a reminder: make sure it is the id from 我的逛逛号, not a nickname.',
    },
    check: (s) => {
      const shape = shapeOfGuangguangId(s.guangguangId);
      if (shape !== 'nickname-like' && shape !== 'unusual') return null;
      return {
        params: {
          id: quote(s.guangguangId.trim()),
          why:
            shape === 'nickname-like'
              ? { zh: '看起来像昵称', en: 'looks like a nickname' }
              : { zh: '含有不常见的字符或长度不常见', en: 'has unusual characters or an unusual length' },
        },
      };
    },
  }),

  defineRule({
    id: 'invite.phone.required',
    kinds: ['matrix-invite'],
    severity: 'block',
    field: 'phone',
    source: 'seed-001',
    when: { zh: '手机号是空的', en: 'The phone number is empty' },
    message: {
      zh: '请填写该逛逛号注册时用的手机号，平台要用它校验。',
      en: 'Enter the phone number the 逛逛号 was registered with: the platform checks it.',
    },
    check: (s, env) => phoneOf(env, s.phone).empty,
  }),

  defineRule({
    id: 'invite.phone.format',
    kinds: ['matrix-invite'],
    severity: 'block',
    field: 'phone',
    source: 'seed-001',
    when: {
      zh: '去掉 +86/0086、空格、短横线等之后，不是 1 开头的 11 位大陆手机号',
      en: 'After removing +86/0086, spaces, hyphens etc. it is not an 11-digit mainland mobile number starting with 1',
    },
    message: {
      zh: '「{phone}」不是中国大陆的 11 位手机号。请填写该逛逛号的注册手机号，例如 138 0013 8000（可以带 +86、空格或短横线）。',
      en: '“{phone}” is not an 11-digit mainland China mobile number. Enter the phone the 逛逛号 was registered with, e.g. 138 0013 8000 (+86, spaces and hyphens are fine).',
    },
    assumption: {
      zh: '来源只说手机号必须是注册手机号；助手按大陆手机号检查，境外号码会被拦截（见 invite.phone.non-mainland）。',
      en: 'The source only says it must be the registered phone; the assistant checks for a mainland number, so a non-mainland number is blocked (see invite.phone.non-mainland).',
    },
    check: (s, env) => {
      const p = phoneOf(env, s.phone);
      if (p.empty || p.normalized) return null;
      return { params: { phone: shownPhone(s.phone) } };
    },
  }),

  defineRule({
    id: 'invite.phone.non-mainland',
    kinds: ['matrix-invite'],
    severity: 'info',
    field: 'phone',
    source: 'seed-001',
    when: { zh: '手机号带有其他国家/地区的区号', en: 'The phone number has another country calling code' },
    message: {
      zh: '「{phone}」看起来是{region}的号码（+{cc}）。助手只能核对大陆手机号；如果对方的逛逛号是用境外号码注册的，请先向行业小二确认邀请能否使用该号码。',
      en: '“{phone}” looks like a number from {region} (+{cc}). The assistant can only check mainland numbers; if their 逛逛号 was registered with a non-mainland number, ask your 行业小二 whether the invite accepts it.',
    },
    check: (s, env) => {
      const f = phoneOf(env, s.phone).foreign;
      if (!f) return null;
      const region = f.country ?? '';
      return {
        params: {
          phone: shownPhone(s.phone),
          cc: f.callingCode,
          region: region ? region : { zh: '其他国家或地区', en: 'another country or region' },
        },
      };
    },
  }),

  defineRule({
    id: 'invite.phone.unallocated',
    kinds: ['matrix-invite'],
    severity: 'warn',
    field: 'phone',
    source: 'seed-001',
    when: {
      zh: '11 位号码的号段不在号段表里，libphonenumber 也不认为它是有效手机号',
      en: 'The 11-digit number’s segment is not in the segment table and libphonenumber does not consider it a valid mobile number',
    },
    message: {
      zh: '{prefix} 号段没有分配给手机（助手号段表截至 {asOf}），号码可能输错了。请核对该逛逛号的注册手机号。',
      en: 'The {prefix} segment is not allocated to mobile phones (the assistant’s segment table is as of {asOf}); the number may be mistyped. Check the 逛逛号’s registered phone.',
    },
    check: (s, env) => {
      const p = phoneOf(env, s.phone);
      if (!p.normalized || p.segment || p.libphonenumberValid) return null;
      return { params: { prefix: p.normalized.slice(0, 3), asOf: SEGMENTS_AS_OF } };
    },
  }),

  defineRule({
    id: 'invite.phone.data-only',
    kinds: ['matrix-invite'],
    severity: 'warn',
    field: 'phone',
    source: 'seed-001',
    when: {
      zh: '号码属于上网卡（数据卡）或物联网号段，包括 13 位物联网号码',
      en: 'The number is in a data-only (上网卡) or IoT segment, including 13-digit IoT numbers',
    },
    message: {
      zh: '「{phone}」属于{category}号段（{prefix}，{operator}）。这类号码通常不能收短信，一般不会是逛逛号的注册手机号，校验很可能失败。请向对方确认注册手机号。',
      en: '“{phone}” is in a {category} segment ({prefix}, {operator}). Such numbers usually cannot receive SMS and are unlikely to be a 逛逛号’s registered phone, so the check will probably fail. Ask them for their registered phone.',
    },
    check: (s, env) => {
      const p = phoneOf(env, s.phone);
      const seg = p.segment;
      if (!seg || (seg.category !== 'data-only' && seg.category !== 'iot')) return null;
      return {
        params: {
          phone: shownPhone(s.phone),
          category: SEGMENT_CATEGORY_LABELS[seg.category],
          prefix: seg.prefix,
          operator: OPERATOR_NAMES[seg.operator],
        },
      };
    },
  }),

  defineRule({
    id: 'invite.phone.satellite',
    kinds: ['matrix-invite'],
    severity: 'warn',
    field: 'phone',
    source: 'seed-001',
    when: {
      zh: '号码属于卫星电话号段（1349、1740、1749）',
      en: 'The number is in a satellite phone segment (1349, 1740, 1749)',
    },
    message: {
      zh: '「{phone}」是卫星电话号段（{prefix}）。卫星电话很少用作淘宝账号的注册手机号，校验可能失败。请向对方确认注册手机号。',
      en: '“{phone}” is a satellite phone number ({prefix}). Satellite phones are rarely a Taobao account’s registered phone, so the check may fail. Ask them for their registered phone.',
    },
    check: (s, env) => {
      const seg = phoneOf(env, s.phone).segment;
      if (seg?.category !== 'satellite') return null;
      return { params: { phone: shownPhone(s.phone), prefix: seg.prefix } };
    },
  }),

  defineRule({
    id: 'invite.phone.virtual-operator',
    kinds: ['matrix-invite'],
    severity: 'info',
    field: 'phone',
    source: 'platform.md §6',
    when: {
      zh: '号码属于虚拟运营商号段（162、165、167、170x、171）',
      en: 'The number is in a virtual-operator segment (162, 165, 167, 170x, 171)',
    },
    message: {
      zh: '「{phone}」是虚拟运营商号段（{prefix}，使用{operator}网络）。平台是否接受这类号码没有公开说明；如果校验失败，请确认它确实是该逛逛号的注册手机号。',
      en: '“{phone}” is a virtual-operator number ({prefix}, on the {operator} network). Whether the platform accepts such numbers is not published; if the check fails, make sure it really is the 逛逛号’s registered phone.',
    },
    assumption: {
      zh: '虚拟运营商号段和 192（中国广电）都当作普通手机号接受：192 不提示，虚拟运营商只给说明，不提醒也不拦截。',
      en: 'Virtual-operator segments and 192 (China Broadnet) are accepted as ordinary mobile numbers: 192 gets no finding, virtual operators only an info, never a warn or block.',
    },
    check: (s, env) => {
      const seg = phoneOf(env, s.phone).segment;
      if (seg?.category !== 'virtual') return null;
      return {
        params: { phone: shownPhone(s.phone), prefix: seg.prefix, operator: OPERATOR_NAMES[seg.operator] },
      };
    },
  }),

  defineRule({
    id: 'invite.phone.registered',
    kinds: ['matrix-invite'],
    severity: 'info',
    field: 'phone',
    source: 'seed-001',
    when: {
      zh: '手机号格式正确，但助手无法核对它是否是该逛逛号的注册手机号（台账里没有记录）',
      en: 'The phone is well-formed but the assistant cannot tell whether it is the 逛逛号’s registered phone (no record in the ledger)',
    },
    message: {
      zh: '手机号必须是该逛逛号注册时绑定的手机号，否则「校验」会失败。',
      en: 'The phone must be the one the 逛逛号 was registered with, or the 校验 (check) fails.',
    },
    check: (s, env) => {
      if (!phoneOf(env, s.phone).normalized) return null;
      const recorded = accountFor(env, s.guangguangId)?.phoneHash;
      return !recorded || s.phoneHash === '';
    },
  }),

  defineRule({
    id: 'invite.phone.hash-mismatch',
    kinds: ['matrix-invite'],
    severity: 'warn',
    field: 'phone',
    source: 'seed-001',
    when: {
      zh: '台账里记录过该逛逛号的手机号，和这次填的不一致（比较的是调用方算好的哈希）',
      en: 'The ledger has a phone recorded for this 逛逛号 and it differs from the one typed (compared as hashes computed by the caller)',
    },
    message: {
      zh: '这个手机号和台账里记录的 {id} 的手机号不一致。如果它不是该逛逛号的注册手机号，校验会失败。请向对方确认。',
      en: 'This phone differs from the one the ledger recorded for {id}. If it is not the 逛逛号’s registered phone, the check fails. Ask them to confirm.',
    },
    check: (s, env) => {
      const recorded = accountFor(env, s.guangguangId)?.phoneHash;
      if (!recorded || s.phoneHash === '' || recorded === s.phoneHash) return null;
      return { params: { id: shownId(s.guangguangId) } };
    },
  }),

  defineRule({
    id: 'invite.self',
    kinds: ['matrix-invite'],
    severity: 'block',
    field: 'guangguangId',
    source: 'seed-001',
    when: {
      zh: '邀请的逛逛号就是工作区主账号或页面上登录的账号',
      en: 'The invited 逛逛号 is the workspace’s main account or the account logged in on the page',
    },
    message: {
      zh: '不能邀请自己：{id} 就是当前的主账号。请填写要绑定的另一个账号的逛逛号。',
      en: 'You cannot invite yourself: {id} is the current main account. Enter the 逛逛号 of the other account you want to bind.',
    },
    check: (s, env) => {
      const { workspace, pageAccount } = env.ctx;
      const self =
        sameGuangguangId(s.guangguangId, workspace?.guangguangId) ||
        sameGuangguangId(s.guangguangId, pageAccount?.guangguangId);
      return self ? { params: { id: shownId(s.guangguangId) } } : null;
    },
  }),

  defineRule({
    id: 'invite.already-bound',
    kinds: ['matrix-invite'],
    severity: 'block',
    field: 'guangguangId',
    source: 'seed-001',
    when: { zh: '该逛逛号已经绑定在这个主账号下', en: 'The 逛逛号 is already bound to this main account' },
    message: {
      zh: '{id} 已经是这个主账号的矩阵账号，不需要再邀请。',
      en: '{id} is already a matrix account of this main account; no need to invite it again.',
    },
    check: (s, env) =>
      accountFor(env, s.guangguangId)?.state === 'accepted'
        ? { params: { id: shownId(s.guangguangId) } }
        : null,
  }),

  defineRule({
    id: 'invite.already-pending',
    kinds: ['matrix-invite'],
    severity: 'warn',
    field: 'guangguangId',
    source: 'seed-001',
    when: { zh: '已经向该逛逛号发出过邀请，对方还没接受', en: 'An invite to this 逛逛号 is already pending' },
    message: {
      zh: '已经向 {id} 发出过邀请，对方还没有接受。再次邀请前，请先提醒对方在光合平台接受邀请。',
      en: 'An invite to {id} is already waiting for them. Before inviting again, remind them to accept it on 光合平台.',
    },
    check: (s, env) =>
      accountFor(env, s.guangguangId)?.state === 'pending'
        ? { params: { id: shownId(s.guangguangId) } }
        : null,
  }),

  defineRule({
    id: 'invite.previously-declined',
    kinds: ['matrix-invite'],
    severity: 'info',
    field: 'guangguangId',
    source: 'seed-001',
    when: { zh: '该逛逛号之前拒绝过邀请', en: 'The 逛逛号 declined an earlier invite' },
    message: {
      zh: '{id} 之前拒绝过绑定邀请（{state}）。再次邀请前，请先和对方沟通并达成一致。',
      en: '{id} declined an earlier invite ({state}). Talk to them and agree before inviting again.',
    },
    check: (s, env) =>
      accountFor(env, s.guangguangId)?.state === 'declined'
        ? { params: { id: shownId(s.guangguangId), state: BINDING_STATE_LABELS.declined } }
        : null,
  }),

  defineRule({
    id: 'invite.prior-agreement',
    kinds: ['matrix-invite'],
    severity: 'info',
    source: 'seed-001',
    when: { zh: '每次发起邀请时', en: 'On every invite' },
    message: {
      zh: '发起邀请前，主账号需要和对方明确达成一致：只绑定和你有合作关系或归你所有的账号（如员工号、门店号、品牌人设号），并说清绑定后的授权范围和权责。对方需要接受邀请，绑定才生效。一个主账号可以邀请多个矩阵账号。',
      en: 'Before inviting, agree clearly with the other account: bind only accounts you cooperate with or own (staff, store, brand-persona accounts), and settle the scope of authorisation and responsibilities. The binding takes effect when they accept. A main account may invite several matrix accounts.',
    },
    check: () => true,
  }),

  defineRule({
    id: 'invite.commercial-deal',
    kinds: ['matrix-invite'],
    severity: 'info',
    source: 'seed-001',
    when: { zh: '每次发起邀请时', en: 'On every invite' },
    message: {
      zh: '如果是想和达人做商单合作，请走「种草任务」渠道，矩阵账号不支持商单场景。',
      en: 'For a commercial deal with a creator (达人), use 种草任务; matrix accounts do not support that.',
    },
    check: () => true,
  }),
];
