/**
 * The platform vocabulary: every word the extension shares with 光合平台 (status words and the ledger
 * states they map to, scopes, identities, roles, 创作者声明, Tmall store types), its hosts, and the page
 * anchors (page, dialog, field and submit words, and the words read in lists, forms and replies).
 * The content script imports `anchors.ts` directly, so nothing else of the vocabulary reaches it.
 */
export * from './terms.ts';
export * from './hosts.ts';
export * from './declarations.ts';
export * from './store-types.ts';
export * from './anchors.ts';
