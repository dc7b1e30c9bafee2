import { describe, expect, it } from 'vitest';
import { formatBeijing, parseScheduleTime } from '@/utils/rules';
import { check, ctx, findingOf, scheduled } from './fixtures';

const bj = (y: number, mo: number, d: number, h: number, mi: number) => Date.UTC(y, mo - 1, d, h - 8, mi);

describe('parseScheduleTime', () => {
  it.each([
    ['2025-06-02 14:30', bj(2025, 6, 2, 14, 30)],
    ['2025/6/2 9:05', bj(2025, 6, 2, 9, 5)],
    ['2025.06.02 14:30:15', bj(2025, 6, 2, 14, 30) + 15_000],
    ['2025-06-02T14:30', bj(2025, 6, 2, 14, 30)],
    ['2025年6月2日 14:30', bj(2025, 6, 2, 14, 30)],
    ['2025年6月2日14点30分', bj(2025, 6, 2, 14, 30)],
    ['2025年6月2日 下午2点', bj(2025, 6, 2, 14, 0)],
    ['2025年6月2日 下午2点半', bj(2025, 6, 2, 14, 30)],
    ['2025年6月2日 上午12点', bj(2025, 6, 2, 0, 0)],
    ['２０２５－０６－０２　１４：３０', bj(2025, 6, 2, 14, 30)],
    ['2025-06-02 14：30', bj(2025, 6, 2, 14, 30)],
    ['北京时间 2025-06-02 14:30', bj(2025, 6, 2, 14, 30)],
    ['2025-06-02 14:30（北京时间）', bj(2025, 6, 2, 14, 30)],
    ['2025-06-02T06:30:00Z', bj(2025, 6, 2, 14, 30)],
    ['2025-06-02T06:30:00.000Z', bj(2025, 6, 2, 14, 30)],
    ['2025-06-02T14:30:00+08:00', bj(2025, 6, 2, 14, 30)],
    ['2025-06-02T14:30+0800', bj(2025, 6, 2, 14, 30)],
    ['2025-06-02 14:30 UTC+8', bj(2025, 6, 2, 14, 30)],
    ['2025-06-02 08:30 +02:00', bj(2025, 6, 2, 14, 30)],
    ['2024-02-29 10:00', bj(2024, 2, 29, 10, 0)],
  ])('%j', (raw, at) => {
    expect(parseScheduleTime(raw)?.at).toBe(at);
  });

  it.each([
    '',
    '明天下午三点',
    '2025-06-02',
    '14:30',
    '2025-02-30 10:00',
    '2025-02-29 10:00',
    '2025-13-01 10:00',
    '2025-06-02 24:00',
    '2025-06-02 14:60',
    '2025-06-02 14:',
    '2025-06-02 14:30 +25:00',
    '02/06/2025 14:30',
  ])('%j → null', (raw) => {
    expect(parseScheduleTime(raw)).toBeNull();
  });

  it('keeps the typed offset', () => {
    expect(parseScheduleTime('2025-06-02 14:30')?.typedOffsetMinutes).toBeNull();
    expect(parseScheduleTime('2025-06-02T06:30Z')?.typedOffsetMinutes).toBe(0);
    expect(parseScheduleTime('2025-06-02T06:30-05:30')?.typedOffsetMinutes).toBe(-330);
  });

  it('formats Beijing time', () => {
    expect(formatBeijing(Date.UTC(2025, 5, 1, 16, 5))).toBe('2025-06-02 00:05');
    expect(formatBeijing(Number.NaN)).toBe('');
  });
});

describe('schedule messages', () => {
  it('too soon names the earliest allowed time', () => {
    const f = findingOf('publish.schedule.too-soon', scheduled('2025-06-01 13:00'));
    expect(f?.message.zh).toContain('2025-06-01 13:00');
    expect(f?.message.zh).toContain('2025-06-01 14:00');
    expect(f?.field).toBe('schedule.at');
  });

  it('too far names the latest allowed time', () => {
    const f = findingOf('publish.schedule.too-far', scheduled('2025-08-01 10:00'));
    expect(f?.message.en).toContain('2025-07-01 12:00');
  });

  it('an unparseable time shows the format the date picker writes', () => {
    const f = findingOf('publish.schedule.unparseable', scheduled('下周一'));
    expect(f?.message.zh).toContain('YYYY/MM/DD HH:mm');
    expect(f?.message.en).toContain('YYYY/MM/DD HH:mm');
    expect(f?.message.zh).toContain('下周一');
  });

  it('the date picker’s own value (YYYY/MM/DD HH:mm, Beijing time) is read', () => {
    expect(findingOf('publish.schedule.unparseable', scheduled('2025/06/02 12:00'))).toBeUndefined();
    expect(findingOf('publish.schedule.too-soon', scheduled('2025/06/01 13:00'))).toBeDefined();
    expect(findingOf('publish.schedule.too-far', scheduled('2025/07/01 12:01'))).toBeDefined();
  });

  it('a time it cannot read (unknown date picker, empty or odd value) is a note, never a hold', () => {
    const cases: [string, string][] = [
      ['', 'publish.schedule.unread'],
      ['\u200b', 'publish.schedule.unread'],
      ['  ', 'publish.schedule.unread'],
      ['下周一', 'publish.schedule.unparseable'],
      ['2025/13/45 99:99', 'publish.schedule.unparseable'],
      ['请选择日期和时间', 'publish.schedule.unparseable'],
    ];
    for (const [at, rule] of cases) {
      const all = check(scheduled(at), ctx());
      const timeFindings = all.filter((x) => x.field === 'schedule.at');
      expect(
        timeFindings.map((x) => [x.ruleId, x.severity]),
        JSON.stringify(at),
      ).toEqual([[rule, 'info']]);
    }
    // Malformed submissions never throw.
    for (const schedule of [null, 42, { mode: 'scheduled' }, { mode: 'scheduled', at: 7 }, 'x'])
      expect(() => check({ ...(scheduled('') as object), schedule }, ctx())).not.toThrow();
  });

  it('another time zone is converted to Beijing time', () => {
    const f = findingOf('publish.schedule.timezone', scheduled('2025-06-02T04:00:00Z'));
    expect(f?.message.zh).toContain('UTC+00:00');
    expect(f?.message.zh).toContain('2025-06-02 12:00');
  });
});
