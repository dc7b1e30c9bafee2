/**
 * The nickname a Tmall merchant gets at the personal-info confirmation (seed-000, platform.md §3.2):
 * `XXXX官方旗舰店` → `XXXX天猫官方`; 专卖店 / 专营店 → the store name without 店 (we drop only the
 * 店 of that suffix: `大店专营店` → `大店专营`). Other store types are not covered by the source:
 * `deriveTmallNickname` returns null for them and the rules say so.
 */
import { STORE_TYPES, type StoreType } from './data/store-types.ts';
import { clean } from './text.ts';

/** Longest suffix first, so `…海外旗舰店` beats `…旗舰店`. */
const BY_SUFFIX_LENGTH: readonly StoreType[] = [...STORE_TYPES].sort(
  (a, b) => b.suffix.length - a.suffix.length,
);

/** The store type a store name ends with, or null when the name ends with none we know. */
export function storeTypeOf(storeName: unknown): StoreType | null {
  const name = clean(storeName).replace(/\s+/g, '');
  for (const t of BY_SUFFIX_LENGTH) {
    if (name.endsWith(t.suffix) && name.length > t.suffix.length) return t;
  }
  return null;
}

/** The nickname the platform derives, or null for store names the rule does not cover. */
export function deriveTmallNickname(storeName: unknown): string | null {
  const name = clean(storeName).replace(/\s+/g, '');
  const type = storeTypeOf(name);
  if (!type || !type.derivation.covered) return null;
  return name.slice(0, name.length - type.suffix.length) + type.derivation.replacement;
}
