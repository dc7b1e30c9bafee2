/** The server's settings, from the environment (docs/sharing.md lists them). */
import { join } from 'node:path';
import { storeLocation, type StoreLocation } from './store.ts';

export interface Settings {
  host: string;
  port: number;
  store: StoreLocation;
  /** Where the generated secret lives when `SHARING_SECRET` is not set. */
  secretFile: string;
  secretEnv: string | undefined;
  /** Exact `chrome-extension://<id>` / `moz-extension://<uuid>` origins, or `moz-extension://*`. */
  allowedOrigins: string[];
  /** A WebSocket message larger than this closes the connection (code 1009). */
  maxMessageBytes: number;
  /** A document's stored state may not grow past this: an update that would is refused. */
  maxDocumentBytes: number;
}

const EXTENSION_ORIGIN = /^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/([0-9a-f-]{36}|\*))$/;

export function parseOrigins(value: string | undefined): string[] {
  const list = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const o of list)
    if (!EXTENSION_ORIGIN.test(o))
      throw new Error(
        `ALLOWED_ORIGINS: ${JSON.stringify(o)} is not chrome-extension://<32 letters a-p>, moz-extension://<uuid> or moz-extension://*`,
      );
  return list;
}

/** Whether a WebSocket upgrade's Origin header is one of the allowed extensions. */
export function originAllowed(origin: string | undefined | null, allowed: readonly string[]): boolean {
  if (!origin) return false;
  if (allowed.includes(origin)) return true;
  return allowed.includes('moz-extension://*') && /^moz-extension:\/\/[0-9a-f-]{36}$/.test(origin);
}

function intSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1, max = 2 ** 31): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new Error(`${name} must be an integer in ${min}..${max}, not ${JSON.stringify(raw)}`);
  return n;
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const dataDir = env.DATA_DIR?.trim() || cwd;
  return {
    host: env.HOST?.trim() || '127.0.0.1',
    // PORT=0: any free port (the start line says which).
    port: intSetting(env, 'PORT', 1234, 0, 65535),
    store: storeLocation(env, cwd),
    secretFile: join(dataDir, 'sharing-secret.key'),
    secretEnv: env.SHARING_SECRET?.trim() || undefined,
    allowedOrigins: parseOrigins(env.ALLOWED_ORIGINS),
    maxMessageBytes: intSetting(env, 'MAX_MESSAGE_BYTES', 8 * 1024 * 1024),
    maxDocumentBytes: intSetting(env, 'MAX_DOCUMENT_BYTES', 64 * 1024 * 1024),
  };
}
