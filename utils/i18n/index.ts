/**
 * The interface's message catalogues and `translate`.
 *
 * Why a typed catalogue of our own rather than `@wxt-dev/i18n` (which keeps serving the manifest,
 * `locales/*.yml`): `browser.i18n` always answers in the browser's UI language, fixed for the session,
 * so it cannot follow the 跟随浏览器 / 简体中文 / English setting nor switch an open panel without a
 * reload. `zh.ts` is the source of the keys; `en.ts` must have exactly the same keys (a missing or
 * extra key is a type error) and `translate` types each key's placeholders from the Chinese text.
 * tests/unit/i18n-catalogues.test.ts checks the placeholders match and that English has no CJK.
 */
import { en } from './en';
import type { Bi, Lang } from './lang';
import type { ledgerZh } from './ledger/zh';
import { zh } from './zh';

/** Every message's Chinese text by key: the first-paint catalogue and the ledger one (types only here). */
type AllZh = typeof zh & typeof ledgerZh;

export type MessageKey = keyof AllZh;

/** `{name}` placeholders of a message, from its Chinese text's literal type. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

export type ParamsOf<K extends MessageKey> = Record<Placeholders<AllZh[K]>, string | number>;

/** Arguments after the key: none for a message without placeholders, else every placeholder's value. */
export type ParamArgs<K extends MessageKey> = [Placeholders<AllZh[K]>] extends [never] ? [] : [ParamsOf<K>];

/**
 * The messages by language: the first-paint ones from the start, the ledger ones once
 * `@/utils/i18n/ledger` is imported (a key not loaded yet reads as itself, never as another language).
 */
export const CATALOGUES: Record<Lang, Partial<Record<MessageKey, string>>> = { zh: { ...zh }, en: { ...en } };

export function translate<K extends MessageKey>(lang: Lang, key: K, ...args: ParamArgs<K>): string {
  const text: string = CATALOGUES[lang][key] ?? key;
  const params = args[0] as Record<string, string | number> | undefined;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export type Translate = <K extends MessageKey>(key: K, ...args: ParamArgs<K>) => string;

export const translator =
  (lang: Lang): Translate =>
  (key, ...args) =>
    translate(lang, key, ...args);

export * from './lang';

/** A catalogue message in both languages, for text that is picked later (status lines, errors). */
export function both<K extends MessageKey>(key: K, ...args: ParamArgs<K>): Bi {
  return { zh: translate('zh', key, ...args), en: translate('en', key, ...args) };
}

/** `both`, with placeholder values that depend on the language (a label inside the message). */
export function bothWith<K extends MessageKey>(key: K, params: (lang: Lang) => ParamsOf<K>): Bi {
  const one = (lang: Lang) =>
    (translate as (l: Lang, k: MessageKey, p: object) => string)(lang, key, params(lang));
  return { zh: one('zh'), en: one('en') };
}
