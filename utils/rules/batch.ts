/**
 * 批量发布: the batch's own rules (whom it publishes for, its one 创作者声明) once, then every item
 * through the publish rules as a video of its own, each finding marked with its item. One item that
 * blocks holds the whole submit (the platform sends every item in one call).
 */
import { RULES } from './catalogue.ts';
import { coerceSubmission } from './coerce.ts';
import { runRules } from './engine.ts';
import { publishRules } from './groups/publish.ts';
import { quote } from './text.ts';
import type { Finding, ProxyPublishVideoSubmission } from './types.ts';

/** Declared once for the batch: checked there, not once per item. */
const PER_ITEM = publishRules.filter((r) => !r.kinds.includes('batch-publish'));
const ORDER = { block: 0, warn: 1, info: 2 } as const;

export function checkBatch(batch: unknown, context: unknown): Finding[] {
  const clean = coerceSubmission(batch);
  const out = runRules(RULES, batch, context);
  if (clean?.kind !== 'batch-publish') return out;
  // The items' rules read no roster: each run is given the context without it (cheaper to coerce).
  const ctx = typeof context === 'object' && context !== null ? { ...context, roster: undefined } : context;
  clean.items.forEach((it, i) => {
    const one: ProxyPublishVideoSubmission = {
      kind: 'proxy-publish-video',
      title: it.title,
      description: it.description,
      tags: [],
      products: [],
      schedule: it.schedule,
    };
    const item = { index: i + 1, name: it.name || it.title };
    for (const f of runRules(PER_ITEM, one, ctx)) out.push({ ...f, item });
  });
  return out
    .map((f, i) => ({ f, i }))
    .sort((a, b) => ORDER[a.f.severity] - ORDER[b.f.severity] || a.i - b.i)
    .map(({ f }) => f);
}

/** A finding of one item with the item named in front of its message (for the findings box). */
export function withItemNamed(f: Finding): Finding {
  if (!f.item) return f;
  const name = quote(f.item.name.trim());
  const n = f.item.index;
  return {
    ...f,
    message: {
      zh: `第 ${n} 条${name ? `「${name}」` : ''}：${f.message.zh}`,
      en: `Item ${n}${name ? ` “${name}”` : ''}: ${f.message.en}`,
    },
  };
}
