import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOX_HOST_CSS } from '@/utils/i18n/box';

/**
 * The findings box is placed by CSS anchor positioning: the held button gets an anchor name in the
 * content script (findings-box.ts, which cannot import the host's style without paying for it in its
 * size budget) and the box's host refers to it (BOX_HOST_CSS). The two spellings must agree, or the box
 * silently falls back to the window's corner.
 */
describe('findings box anchor', () => {
  it('the name the button gets is the name the host is anchored to', () => {
    const src = readFileSync('entrypoints/guanghe.content/findings-box.ts', 'utf8');
    const given = [...src.matchAll(/anchorName\s*=\s*'([^']+)'/g)].map((m) => m[1]);
    const used = /position-anchor:\s*([^;]+);/.exec(BOX_HOST_CSS)?.[1]?.trim();
    expect(given.length).toBeGreaterThan(0);
    expect(used).toMatch(/^--/);
    for (const name of given) expect(name).toBe(used);
  });
});
