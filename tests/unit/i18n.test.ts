import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(import.meta.dirname, '../../utils/i18n/locales');
/** The locale files are flat `key: value` YAML; read them without a YAML dependency. */
function keys(file: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
    const m = /^([A-Za-z][\w.]*):\s*(.*)$/.exec(line);
    if (m) out.set(m[1]!, m[2]!.replace(/^'(.*)'$/, '$1'));
  }
  return out;
}

describe('locales', () => {
  it('zh_CN is the default and en has every key, none empty', () => {
    const zh = keys('zh_CN.yml');
    const en = keys('en.yml');
    expect(zh.size).toBeGreaterThan(0);
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [k, v] of [...zh, ...en]) expect(v.trim(), k).not.toBe('');
  });
});
