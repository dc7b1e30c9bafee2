/** 批量发布: the batch's rules once, every item through the publish rules, findings marked per item. */
import { describe, expect, it } from 'vitest';
import { checkSubmission, emptyContext, verdictOf, withItemNamed, type Submission } from '@/utils/rules';

const NOW = Date.parse('2026-06-01T10:00:00+08:00');
const at = (days: number) => {
  const d = new Date(NOW + days * 86_400_000 + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}/${p(d.getUTCMonth() + 1)}/${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
};
const items = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    title: `第${i + 1}集`,
    description: '剧情简介',
    schedule: { mode: 'scheduled' as const, at: at(3) },
    name: `第${i + 1}集`,
  }));
const batch = (list: unknown[], over: Record<string, unknown> = {}) =>
  ({ kind: 'batch-publish', items: list, declaration: '含虚构演绎内容', ...over }) as unknown as Submission;

describe('batch-publish', () => {
  it('50 good items: allowed, nothing said', () => {
    const findings = checkSubmission(batch(items(50)), emptyContext(NOW));
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(verdictOf(findings)).toBe('allow');
  });

  it('50 items with one malformed date: that item named, no crash, no hold', () => {
    const list = items(50);
    list[36] = { ...list[36]!, schedule: { mode: 'scheduled', at: '2026/13/45 99:99' } };
    const findings = checkSubmission(batch(list), emptyContext(NOW));
    expect(findings.map((f) => [f.ruleId, f.item?.index])).toEqual([['publish.schedule.unparseable', 37]]);
    expect(verdictOf(findings)).toBe('allow');
    expect(withItemNamed(findings[0]!).message.zh).toContain('第 37 条「第37集」');
  });

  it('one blocked item holds the whole batch, named; the others say nothing', () => {
    const list = items(5);
    list[1] = { ...list[1]!, title: '一'.repeat(31), name: '一'.repeat(31) };
    list[3] = { ...list[3]!, schedule: { mode: 'scheduled', at: at(0.02) } };
    const findings = checkSubmission(batch(list), emptyContext(NOW));
    expect(verdictOf(findings)).toBe('block');
    expect(findings.filter((f) => f.severity === 'block').map((f) => [f.ruleId, f.item?.index])).toEqual([
      ['publish.title.too-long', 2],
      ['publish.schedule.too-soon', 4],
    ]);
    expect(findings.every((f) => f.item && [2, 4].includes(f.item.index))).toBe(true);
  });

  it('the declaration is checked once for the batch, not per item', () => {
    const findings = checkSubmission(batch(items(20), { declaration: '' }), emptyContext(NOW));
    const said = findings.filter((f) => f.ruleId === 'publish.declaration.required');
    expect(said).toHaveLength(1);
    expect(said[0]!.item).toBeUndefined();
  });

  it('garbage items and fields never throw', () => {
    const odd = [null, 7, 'x', [], { title: 5, schedule: 'tomorrow' }, { schedule: { mode: 'scheduled' } }];
    expect(() => checkSubmission(batch(odd), emptyContext(NOW))).not.toThrow();
    expect(() => checkSubmission(batch('nope' as unknown as unknown[]), emptyContext(NaN))).not.toThrow();
    const findings = checkSubmission(batch(odd), emptyContext(NOW));
    expect(findings.find((f) => f.ruleId === 'publish.schedule.unparseable')?.item?.index).toBe(5);
  });
});
