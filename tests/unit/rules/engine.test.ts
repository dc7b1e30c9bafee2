import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkSubmission,
  emptyContext,
  RULES,
  verdictOf,
  type Finding,
  type Submission,
} from '@/utils/rules';
import { defineRule, runRules } from '@/utils/rules/engine';
import { SUBMISSION_KINDS } from '@/utils/rules/coerce';
import { check, ctx, goodInvite, goodVideo, NOW, ruleIds, video } from './fixtures';

const f = (severity: Finding['severity']): Finding => ({
  ruleId: `x.${severity}`,
  severity,
  message: { zh: '', en: '' },
  source: 'seed-000',
});

describe('verdictOf', () => {
  it('is the worst severity', () => {
    expect(verdictOf([])).toBe('allow');
    expect(verdictOf([f('info')])).toBe('allow');
    expect(verdictOf([f('info'), f('warn')])).toBe('warn');
    expect(verdictOf([f('warn'), f('block'), f('info')])).toBe('block');
  });
});

describe('checkSubmission', () => {
  it('sorts findings block → warn → info', () => {
    const order = { block: 0, warn: 1, info: 2 };
    const findings = check(video({ title: '字'.repeat(40), actingAs: 'stranger99', declaration: '' }));
    const ranks = findings.map((x) => order[x.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(verdictOf(findings)).toBe('block');
  });

  it('returns plain serialisable findings', () => {
    const findings = check(goodInvite);
    expect(JSON.parse(JSON.stringify(findings))).toEqual(findings);
    for (const x of findings)
      expect(Object.keys(x).sort()).toEqual(
        expect.arrayContaining(['message', 'ruleId', 'severity', 'source']),
      );
  });

  it('works on the context of a new user', () => {
    const c = emptyContext(NOW);
    expect(c).toEqual({ now: NOW, workspace: null, accounts: [], whitelisted: 'unknown', pageAccount: null });
    const ids = ruleIds(checkSubmission(goodVideo, c));
    expect(ids).toContain('proxy.unknown-account');
    expect(verdictOf(checkSubmission(goodVideo, c))).toBe('warn');
    // A context that went through JSON (NaN → null) still works.
    expect(() =>
      checkSubmission(goodVideo, JSON.parse(JSON.stringify(emptyContext())) as never),
    ).not.toThrow();
  });

  it('does not read the clock: the same input gives the same output', () => {
    const a = check(video({ schedule: { mode: 'scheduled', at: '2025-06-01 14:05' } }));
    const b = check(video({ schedule: { mode: 'scheduled', at: '2025-06-01 14:05' } }));
    expect(a).toEqual(b);
  });

  it('does not mutate its inputs', () => {
    const sub = structuredClone(goodVideo);
    const c = structuredClone(ctx());
    check(sub, c);
    expect(sub).toEqual(goodVideo);
    expect(c).toEqual(ctx());
  });

  it('treats a schedule typed as a bare string as scheduled', () => {
    expect(ruleIds(check(video({ schedule: '2025-06-01 12:30' })))).toContain('publish.schedule.too-soon');
  });
});

describe('never throws', () => {
  const kinds = fc.constantFrom(...SUBMISSION_KINDS, 'bogus', '');
  const fieldValue = fc.oneof(
    fc.string(),
    fc.constant(undefined),
    fc.constant(null),
    fc.integer(),
    fc.double(),
    fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null))),
    fc.record({ mode: fc.constantFrom('now', 'scheduled', 'x'), at: fc.oneof(fc.string(), fc.integer()) }),
    fc.anything(),
  );
  const submission = fc.record({
    kind: kinds,
    guangguangId: fieldValue,
    phone: fieldValue,
    phoneHash: fieldValue,
    scopes: fieldValue,
    identity: fc.oneof(fc.constantFrom('tmall-merchant', 'sub-account', 'expert', 'institution'), fieldValue),
    entrance: fc.oneof(fc.constantFrom('settle', 'institution-service'), fieldValue),
    loginName: fieldValue,
    storeName: fieldValue,
    nickname: fieldValue,
    by: fieldValue,
    actingAs: fc.oneof(fc.constantFrom('bound01', 'bound02', 'pending01'), fieldValue),
    title: fieldValue,
    description: fieldValue,
    tags: fieldValue,
    products: fieldValue,
    schedule: fieldValue,
    declaration: fieldValue,
    images: fieldValue,
    action: fieldValue,
    text: fieldValue,
  });
  const context = fc.oneof(
    fc.constant(ctx()),
    fc.constant(emptyContext(NOW)),
    fc.anything(),
    fc.record({
      now: fc.oneof(fc.integer(), fc.double(), fc.constant(undefined)),
      workspace: fc.anything(),
      accounts: fc.oneof(
        fc.anything(),
        fc.array(fc.record({ guangguangId: fieldValue, state: fieldValue, permissions: fieldValue })),
      ),
      whitelisted: fc.anything(),
      pageAccount: fc.anything(),
    }),
  );

  it('on any submission and context, every message is complete', () => {
    fc.assert(
      fc.property(fc.oneof(submission, fc.anything()), context, (sub, c) => {
        const findings = checkSubmission(sub as Submission, c as never);
        expect(Array.isArray(findings)).toBe(true);
        for (const x of findings) {
          expect(x.message.zh).not.toMatch(/\{\w+\}/);
          expect(x.message.en).not.toMatch(/\{\w+\}/);
          expect(x.message.zh.length).toBeGreaterThan(0);
          expect(x.message.en.length).toBeGreaterThan(0);
        }
        expect(ruleIds(findings)).not.toContain('engine.rule-failed');
      }),
      { numRuns: 1500 },
    );
  });
});

describe('engine.rule-failed', () => {
  const boom = defineRule({
    id: 'test.boom',
    kinds: ['proxy-publish-video'],
    severity: 'block',
    source: 'seed-000',
    when: { zh: '总是', en: 'always' },
    message: { zh: '炸了', en: 'boom' },
    check: () => {
      throw new Error('bug');
    },
  });

  it('a rule that throws becomes a warning naming it, and the other rules still run', () => {
    const findings = runRules([boom, ...RULES], video({ title: '字'.repeat(31) }), ctx());
    const failed = findings.find((x) => x.ruleId === 'engine.rule-failed');
    expect(failed?.severity).toBe('warn');
    expect(failed?.message.en).toContain('test.boom');
    expect(ruleIds(findings)).toContain('publish.title.too-long');
  });

  it('does not appear when no rule throws', () => {
    expect(ruleIds(runRules(RULES, goodVideo, ctx()))).not.toContain('engine.rule-failed');
  });
});

describe('account lookups', () => {
  it('finds accounts among 1,000 by normalised id', () => {
    const accounts = Array.from({ length: 1000 }, (_, i) => ({
      guangguangId: `acct${i}`,
      state: 'accepted' as const,
      permissions: [{ scope: 'proxy-publish' as const, state: 'granted' as const }],
    }));
    const c = ctx({ accounts });
    expect(verdictOf(check(video({ actingAs: 'ACCT999' }), c))).toBe('allow');
    expect(ruleIds(check(video({ actingAs: 'acct1000' }), c))).toContain('proxy.unknown-account');
  });

  it('the later entry wins when the ledger lists an id twice', () => {
    const c = ctx({
      accounts: [
        { guangguangId: 'dup1', state: 'pending', permissions: [] },
        { guangguangId: 'dup1', state: 'accepted', permissions: [] },
      ],
    });
    expect(
      ruleIds(check({ kind: 'matrix-invite', guangguangId: 'dup1', phone: '13800138000' }, c)),
    ).toContain('invite.already-bound');
  });
});
