/**
 * Issue 13 item 4: the panel reads well because it keeps to one scale. Every font size and every
 * margin, padding and gap in the panel's stylesheet comes from the scale named at its top, and the
 * platform's orange is our accent only: never the colour of a state (a chip or a severity).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(
  resolve(import.meta.dirname, '../../entrypoints/sidepanel/style.css'),
  'utf8',
).replace(/\/\*[\s\S]*?\*\//g, '');
const TYPE = new Set(['11px', '12px', '14px', '16px']);
const SPACE = new Set(['0', '2px', '4px', '6px', '8px', '10px', '12px', '16px', 'auto']);

/** `[selector, body]` of each plain rule. */
const rules = [...CSS.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => [m[1]!.trim(), m[2]!] as const);
const decls = rules.flatMap(([sel, body]) =>
  body
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => {
      const i = d.indexOf(':');
      return { sel, prop: d.slice(0, i).trim(), value: d.slice(i + 1).trim() };
    }),
);

describe('panel stylesheet', () => {
  it('is read (guards the parser)', () => {
    expect(decls.length).toBeGreaterThan(200);
    expect(decls.some((d) => d.prop === 'font-size')).toBe(true);
  });

  it('uses font sizes from the type scale only', () => {
    const off = decls.filter((d) => d.prop === 'font-size' && !TYPE.has(d.value));
    expect(off.map((d) => `${d.sel} { font-size: ${d.value} }`)).toEqual([]);
  });

  it('uses spacing from the space scale only', () => {
    const off = decls.filter(
      (d) =>
        /^(margin|padding)(-(top|right|bottom|left|inline|block)(-(start|end))?)?$|^(row-|column-)?gap$/.test(
          d.prop,
        ) && !d.value.split(/\s+/).every((v) => SPACE.has(v) || v.startsWith('var(') || v.startsWith('-')),
    );
    expect(off.map((d) => `${d.sel} { ${d.prop}: ${d.value} }`)).toEqual([]);
  });

  it('keeps the accent for our own marks: no state or severity rule uses it', () => {
    const stateRules = decls.filter((d) =>
      /sev-|\[data-tone|\.chip|\.lchip|\.error|\.blocked|\.done/.test(d.sel),
    );
    expect(stateRules.length).toBeGreaterThan(5);
    expect(stateRules.filter((d) => /--accent/.test(d.value)).map((d) => d.sel)).toEqual([]);
  });

  it('shows where the keyboard focus is', () => {
    const focus = decls.filter((d) => /:focus-visible/.test(d.sel) && d.prop === 'outline');
    expect(focus.length).toBeGreaterThan(0);
    expect(focus.every((d) => !/none|\b0\b/.test(d.value))).toBe(true);
  });
});
