/**
 * The page outline (utils/pages/outline.ts) over saved pages and hand-made documents: every section is
 * there, nothing a user typed and no run of 5+ digits ever appears, addresses keep their path only,
 * sections are capped, and a page no recogniser knows still gets an outline.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { load } from './saved-pages';
import {
  DIGITS_MASK,
  maskDigits,
  OUTLINE_MAX_CHARS,
  OUTLINE_MAX_ENTRIES,
  outlineOf,
  renderOutline,
} from '@/utils/pages/outline';

const C = 'https://creator.guanghe.taobao.com';
const doc = (body: string) =>
  parseHTML(`<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`).document;
const RUN = /\d{5,}/;

const index = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../fixtures/pages/index.json'), 'utf8'),
) as Record<string, { url: string }>;

describe('saved pages', () => {
  for (const [name, { url }] of Object.entries(index)) {
    it(`${name}: an outline with no 5+ digit run and no query string`, () => {
      const o = outlineOf(load(`${name}.html`), url, true);
      const text = renderOutline([o]);
      expect(text).not.toMatch(RUN);
      expect(o.url).not.toContain('?');
      for (const list of Object.values(o.sections)) {
        expect(list.length).toBeLessThanOrEqual(OUTLINE_MAX_ENTRIES);
        for (const s of list) expect(s.length).toBeLessThanOrEqual(OUTLINE_MAX_CHARS);
      }
    });
  }

  it('the matrix list: headings, buttons, roles and the recogniser’s answer', () => {
    const o = outlineOf(load('matrix-list.html'), `${C}/page/account/matrix`, true);
    expect(o.recognised.page).toBe('matrix');
    expect(o.sections.headings.length).toBeGreaterThan(0);
    expect(o.sections.buttons.length).toBeGreaterThan(0);
    expect(o.sections.roles.length).toBeGreaterThan(0);
    // The list shows 逛逛号 (10 digits): none of them survives.
    expect(load('matrix-list.html').body.textContent).toMatch(RUN);
    expect(renderOutline([o])).not.toMatch(RUN);
  });

  it('names the anchors each page of the host has and lacks: all of the recognised page’s', () => {
    const o = outlineOf(load('matrix-list.html'), `${C}/page/account/matrix`, true);
    const matrix = o.recognised.anchors.find((a) => a.page === 'matrix');
    expect(matrix?.matched.length).toBeGreaterThan(0);
    expect(o.recognised.anchors.some((a) => a.missed.length > 0)).toBe(true);
    expect(renderOutline([o])).toMatch(/^anchors matrix \d+\/\d+: \+/m);
  });

  it('the invite dialog is named among the recognised dialogs', () => {
    const o = outlineOf(load('matrix-invite-dialog.html'), `${C}/page/account/matrix`, true);
    expect(o.recognised.dialogs).toContain('matrix-invite');
    expect(o.sections.placeholders.length).toBeGreaterThan(0);
  });
});

describe('hand-made documents', () => {
  const page = doc(`
    <h1>Matrix 13800138000</h1>
    <h5>small heading</h5>
    <div role="heading">Role heading</div>
    <header>Site header</header>
    <div class="next-dialog"><div class="next-dialog-title">Dialog title</div></div>
    <div role="dialog" aria-label="Invite"><h3>Invite form</h3>
      <label for="p">Phone</label><input id="p" placeholder="Enter phone" value="13912345678">
      <label>Id <input aria-label="Guangguang id" value="2200000001"></label>
      <textarea placeholder="Reason">typed reason 1234567</textarea>
      <div contenteditable="true"><h2>typed heading</h2>typed rich text</div>
      <button>OK</button><input type="submit" value="Send">
      <button aria-label="Close"></button>
    </div>
    <span data-autolog="dt_spm=a21.b.c&gid=3310000001">x</span>
    <span data-autolog="nav.home">y</span>
    <iframe title="Publisher" src="https://huodong.taobao.com/wow/z/guang/gg_publish/index?token=abc&gid=3310000001#x"></iframe>
    <div role="button">Go 1 2345 6789</div>
  `);
  const o = outlineOf(page, `${C}/page/unknown-thing?id=123456&tok=secret`, true);
  const text = renderOutline([o]);

  it('an unrecognised page still has every section', () => {
    expect(o.recognised.page).toBe('unknown');
    expect(o.url).toBe('creator.guanghe.taobao.com/page/unknown-thing');
    expect(o.sections.headings).toEqual(
      expect.arrayContaining([
        `Matrix ${DIGITS_MASK}`,
        'small heading',
        'Role heading',
        'Dialog title',
        'Invite',
      ]),
    );
    expect(o.sections.headings).not.toContain('Site header');
    expect(o.sections.labels).toEqual(expect.arrayContaining(['Phone', 'Id', 'Guangguang id']));
    expect(o.sections.placeholders).toEqual(expect.arrayContaining(['Enter phone', 'Reason']));
    expect(o.sections.buttons).toEqual(expect.arrayContaining(['OK', 'Send', 'Close', `Go ${DIGITS_MASK}`]));
    expect(o.sections.roles).toEqual(expect.arrayContaining(['dialog ×1', 'button ×1', 'heading ×1']));
    expect(o.sections.autolog).toEqual(['dt_spm&gid', 'nav.home']);
    expect(o.sections.iframes).toEqual(['Publisher | huodong.taobao.com/wow/z/guang/gg_publish/index']);
  });

  it('no typed value, no rich text, no query string, no 5+ digit run', () => {
    for (const secret of ['13912345678', '2200000001', 'typed reason', 'typed heading', 'typed rich text'])
      expect(text).not.toContain(secret);
    for (const secret of ['token', 'secret', '?', '#x', '3310000001', '13800138000'])
      expect(text).not.toContain(secret);
    expect(text).not.toMatch(RUN);
    expect(text).toContain('recognised: page=unknown');
    // Every signature of the host is listed with what this page lacks.
    expect(o.recognised.anchors.length).toBeGreaterThan(1);
    expect(o.recognised.anchors.every((a) => a.missed.length > 0)).toBe(true);
  });

  it('caps each section and says so', () => {
    const many = doc(
      Array.from(
        { length: 3 * OUTLINE_MAX_ENTRIES },
        (_, i) => `<button>b${i} ${'x'.repeat(200)}</button>`,
      ).join(''),
    );
    const m = outlineOf(many, `${C}/page/x`, true);
    expect(m.sections.buttons).toHaveLength(OUTLINE_MAX_ENTRIES);
    expect(m.sections.buttons.every((b) => b.length <= OUTLINE_MAX_CHARS)).toBe(true);
    expect(m.truncated).toEqual(['buttons']);
    expect(renderOutline([m])).toContain(`## buttons (first ${OUTLINE_MAX_ENTRIES})`);
  });

  it('masks digit runs however they are written, and keeps short numbers', () => {
    expect(maskDigits('138 0013 8000')).toBe(DIGITS_MASK);
    expect(maskDigits('138-0013-8000')).toBe(DIGITS_MASK);
    expect(maskDigits('１３８００１３８０００')).toBe(DIGITS_MASK);
    expect(maskDigits('step 2 of 3, 1234')).toBe('step 2 of 3, 1234');
    expect(maskDigits('12\n345')).toBe('12\n345');
  });

  it('names frames that could not be read', () => {
    expect(renderOutline([o], 2)).toContain('frames not read: 2');
  });
});
