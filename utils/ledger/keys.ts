/** Storage keys shared by the background and the panel. A module of its own so that reading them pulls in nothing. */

/** `storage.session`: a running import's progress (`{ done, total }`), removed when it ends. */
export const IMPORT_PROGRESS_KEY = 'ledger:importProgress';
/** `storage.local`: whitelist flag per main 逛逛号, set when the matrix page (or its absence) is seen. */
export const WHITELIST_KEY = 'whitelist';
