/** `npm run server`: the sharing server on the settings of the environment (SQLite unless told). */
import { settingsFromEnv } from './config.ts';
import { startSharingServer } from './server.ts';
import { openStore } from './store.ts';
import { loadSecret } from './tokens.ts';

const settings = settingsFromEnv();
if (!settings.allowedOrigins.length)
  console.warn('ALLOWED_ORIGINS is empty: every connection will be refused until it names the extension.');
const secret = loadSecret(settings.secretEnv, settings.secretFile);
const store = await openStore(settings.store);
const running = await startSharingServer({ settings, store, secret, quiet: true });
console.log(
  `sharing server on ${running.url} (${settings.store.kind}${settings.store.kind === 'sqlite' ? `: ${settings.store.target}` : ''})`,
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    running.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  });
