/**
 * The floor extension of the page-load figures (bench/README.md, figures 2 and 3): what any MV3
 * extension with our content-script injection costs a page, whatever its code. Built at run time
 * from our built manifest: the same content-script entries (matches, all_frames, run_at, world and
 * the other keys that choose where and when a script runs), each with an empty script, and an empty
 * service worker; nothing else (no side panel, no permissions: content-script `matches` are enough
 * for the scripts to run on those hosts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The keys of a manifest content-script entry that decide which frames get it, and when. */
export const INJECTION_KEYS = [
  'matches',
  'exclude_matches',
  'include_globs',
  'exclude_globs',
  'all_frames',
  'match_about_blank',
  'match_origin_as_fallback',
  'run_at',
  'world',
] as const;

export type ContentScriptEntry = Partial<Record<(typeof INJECTION_KEYS)[number], unknown>> & {
  js?: string[];
  css?: string[];
};

export interface FloorExtension {
  manifest: {
    manifest_version: 3;
    name: string;
    version: string;
    background: { service_worker: string };
    content_scripts: ContentScriptEntry[];
  };
  /** Files to write next to manifest.json: path → content (all empty). */
  files: Record<string, string>;
}

/** The floor extension for `ours` (a parsed manifest.json). Pure. */
export function floorExtension(ours: unknown): FloorExtension {
  const entries = (ours as { content_scripts?: unknown } | null)?.content_scripts;
  if (!Array.isArray(entries) || entries.length === 0)
    throw new Error('our manifest has no content_scripts: nothing to build a floor for');
  const files: Record<string, string> = { 'background.js': '' };
  const content_scripts = entries.map((entry: Record<string, unknown>, i) => {
    const out: ContentScriptEntry = {};
    for (const key of INJECTION_KEYS) if (key in entry) out[key] = structuredClone(entry[key]);
    if (!Array.isArray(out.matches) || out.matches.length === 0)
      throw new Error(`content_scripts[${i}] has no matches`);
    const file = `content-scripts/floor-${i}.js`;
    files[file] = '';
    out.js = [file];
    return out;
  });
  return {
    manifest: {
      manifest_version: 3,
      name: 'guanghe bench floor',
      version: '0.0.0',
      background: { service_worker: 'background.js' },
      content_scripts,
    },
    files,
  };
}

/** Writes the floor extension for `ours` into `dir` (created if needed). */
export function writeFloorExtension(dir: string, ours: unknown): FloorExtension {
  const floor = floorExtension(ours);
  mkdirSync(join(dir, 'content-scripts'), { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(floor.manifest, null, 2)}\n`);
  for (const [path, text] of Object.entries(floor.files)) writeFileSync(join(dir, path), text);
  return floor;
}
