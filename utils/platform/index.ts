/**
 * The platform vocabulary: every word the extension shares with 光合平台 (status words and the ledger
 * states they map to, scopes, identities, roles, 创作者声明, Tmall store types) and its hosts. The page
 * anchors (page, dialog, field and submit words) are in utils/pages/ for now.
 */
export * from './terms.ts';
export * from './hosts.ts';
export * from './declarations.ts';
export * from './store-types.ts';
