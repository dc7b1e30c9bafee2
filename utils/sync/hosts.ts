/**
 * The hosts a team-sharing server may be on, as the manifest's `optional_host_permissions`: asked for
 * one origin at a time, at the moment the user turns sharing on (never at install, never granted
 * unasked). `wss:` anywhere (TLS: a real agency server); `ws:` only on this machine, for a trial.
 * Match patterns ignore the port.
 */
export const SYNC_SERVER_PATTERNS = ['wss://*/*', 'ws://127.0.0.1/*', 'ws://localhost/*'] as const;

/** Chrome keeps a service worker with an open WebSocket alive from 116 on. */
export const MIN_CHROME_FOR_SYNC = '116';
