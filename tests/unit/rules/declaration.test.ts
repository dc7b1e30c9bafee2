import { describe, expect, it } from 'vitest';
import { check, findingOf, image, video } from './fixtures';

describe('创作者声明: the real form always has one chosen (the first by default)', () => {
  it('a declaration we could not read only warns, never blocks the publish', () => {
    for (const sub of [
      video({ declaration: '' }),
      video({ declaration: undefined }),
      image({ declaration: ' ' }),
    ]) {
      const f = findingOf('publish.declaration.required', sub);
      expect(f?.severity).toBe('warn');
      expect(f?.message.zh).toContain('内容无需标注');
      expect(check(sub).filter((x) => x.field === 'declaration' && x.severity === 'block')).toEqual([]);
    }
  });

  it('the default choice is a good one', () => {
    expect(findingOf('publish.declaration.required', video({ declaration: '内容无需标注' }))).toBeUndefined();
    expect(findingOf('publish.declaration.unknown', video({ declaration: '内容无需标注' }))).toBeUndefined();
  });
});
