/**
 * The pure helpers of the bench's page-load figures (bench/README.md, figures 2 and 3): the floor
 * extension built from our manifest, the rotating side order, and the SVG chart.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { floorExtension, writeFloorExtension } from '../../bench/lib/floor';
import { ratioChart } from '../../bench/lib/chart';
import { rotation } from '../../bench/lib/stats';

const OURS = {
  manifest_version: 3,
  name: '__MSG_extName__',
  version: '0.1.0',
  default_locale: 'zh_CN',
  permissions: ['sidePanel', 'storage', 'alarms'],
  optional_permissions: ['notifications'],
  background: { service_worker: 'background.js' },
  side_panel: { default_path: 'sidepanel.html' },
  action: { default_title: '__MSG_actionTitle__' },
  content_scripts: [
    {
      matches: ['https://creator.guanghe.taobao.com/*', 'https://mcn.guanghe.taobao.com/*'],
      all_frames: true,
      run_at: 'document_idle',
      js: ['content-scripts/guanghe.js'],
      css: ['content-scripts/guanghe.css'],
    },
    { matches: ['https://guanghe.taobao.com/*'], run_at: 'document_start', world: 'MAIN', js: ['x.js'] },
  ],
};

describe('floor extension', () => {
  it('keeps where and when each content script runs, with empty scripts and an empty worker', () => {
    const { manifest, files } = floorExtension(OURS);
    expect(manifest.content_scripts).toEqual([
      {
        matches: OURS.content_scripts[0]!.matches,
        all_frames: true,
        run_at: 'document_idle',
        js: ['content-scripts/floor-0.js'],
      },
      {
        matches: ['https://guanghe.taobao.com/*'],
        run_at: 'document_start',
        world: 'MAIN',
        js: ['content-scripts/floor-1.js'],
      },
    ]);
    expect(manifest.background).toEqual({ service_worker: 'background.js' });
    expect(files).toEqual({
      'background.js': '',
      'content-scripts/floor-0.js': '',
      'content-scripts/floor-1.js': '',
    });
  });

  it('is a minimal MV3 manifest: no side panel, permissions, locale or action', () => {
    const { manifest } = floorExtension(OURS);
    expect(Object.keys(manifest).sort()).toEqual(
      ['background', 'content_scripts', 'manifest_version', 'name', 'version'].sort(),
    );
    expect(manifest.manifest_version).toBe(3);
    expect(JSON.stringify(manifest)).not.toContain('__MSG_');
  });

  it('does not share arrays with our manifest', () => {
    const { manifest } = floorExtension(OURS);
    expect(manifest.content_scripts[0]!.matches).not.toBe(OURS.content_scripts[0]!.matches);
  });

  it('refuses a manifest without content scripts or matches', () => {
    expect(() => floorExtension({ manifest_version: 3 })).toThrow(/content_scripts/);
    expect(() => floorExtension({ content_scripts: [{ js: ['a.js'] }] })).toThrow(/matches/);
  });

  it('writes the manifest and its empty files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guanghe-floor-test-'));
    try {
      writeFloorExtension(dir, OURS);
      const written = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
        content_scripts: { js: string[] }[];
      };
      expect(written).toEqual(floorExtension(OURS).manifest);
      for (const f of ['background.js', ...written.content_scripts.flatMap((c) => c.js)])
        expect(readFileSync(join(dir, f), 'utf8')).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('rotation', () => {
  it('rotates the first side, each side first equally often', () => {
    const sides = ['none', 'floor', 'ours'];
    expect(rotation(sides, 0)).toEqual(['none', 'floor', 'ours']);
    expect(rotation(sides, 1)).toEqual(['floor', 'ours', 'none']);
    expect(rotation(sides, 5)).toEqual(['ours', 'none', 'floor']);
    expect(rotation(sides, -1)).toEqual(['ours', 'none', 'floor']);
  });
});

describe('page-load chart', () => {
  const rows = [
    { label: 'portal', ratio: 1.004, interval: [0.98, 1.03] as [number, number] },
    { label: 'creator <home> & co', ratio: 1.05, interval: [1.01, 1.09] as [number, number] },
    { label: 'matrix list', ratio: 0.97, interval: [0.93, 1.0] as [number, number] },
    { label: 'institution roster', missing: 'no roster page in the mock (issue 12)' },
  ];
  const svg = ratioChart(rows, { title: 'Page load: ours / floor', goal: 1.01, subtitle: '40 loads' });

  it('is well-formed XML with an svg root', () => {
    // No DOM parser in the node environment: check balanced tags and escaped text by hand.
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const stack: string[] = [];
    for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)\b[^>]*?(\/?)>/g)) {
      if (m[3]) continue;
      if (m[1]) expect(stack.pop()).toBe(m[2]);
      else stack.push(m[2]!);
    }
    expect(stack).toEqual([]);
    const text = svg.replace(/<[^>]*>/g, '');
    expect(text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;|quot;)/);
    expect(svg).toContain('creator &lt;home&gt; &amp; co');
  });

  it('draws one bar per measured page, with its interval and value', () => {
    expect(svg.match(/class="bar"/g)).toHaveLength(3);
    expect(svg.match(/class="interval"/g)).toHaveLength(3);
    expect(svg).toContain('1.004 (90%: 0.980–1.030)');
    expect(svg).toContain('not measured: no roster page in the mock (issue 12)');
    expect(svg.match(/class="goal"/g)).toHaveLength(1);
    expect(svg.match(/class="floor"/g)).toHaveLength(1);
  });

  it('puts every bar inside the picture, from the floor line', () => {
    const width = Number(/width="(\d+)"/.exec(svg)![1]);
    const floorX = Number(/class="floor" x1="([\d.]+)"/.exec(svg)![1]);
    for (const m of svg.matchAll(/class="bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"/g)) {
      const [x, w] = [Number(m[1]), Number(m[2])];
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x + w).toBeLessThanOrEqual(width);
      expect(Math.abs(x - floorX) < 0.2 || Math.abs(x + w - floorX) < 0.2).toBe(true);
    }
  });
});
