/**
 * The sharing server as its own process for the server-memory figure (bench/sharing/run.ts): the
 * real `startSharingServer` over the SQLite store the parent filled, on a loopback port of the OS's
 * choosing, answering the parent's IPC requests:
 *
 * - `memory`: two full collections (`--expose-gc`), then `process.memoryUsage()`;
 * - `load` (names): opens one direct connection per document (`hocuspocus.openDirectConnection`:
 *   the store's fetch and the Yjs decode a client's first connection causes, without the socket),
 *   answers with how many documents are loaded and the entries of one of them;
 * - `unload`: closes those connections and waits (bounded) until Hocuspocus has unloaded every
 *   document;
 * - `close`: stops the server and exits.
 *
 * Run with `node --experimental-strip-types --expose-gc` (the server's own way of running).
 */
import { startSharingServer } from '../../server/server.ts';
import { settingsFromEnv } from '../../server/config.ts';
import { openStore } from '../../server/store.ts';
import { loadSecret } from '../../server/tokens.ts';

type Request =
  | { id: number; op: 'memory' }
  | { id: number; op: 'load'; names: string[] }
  | { id: number; op: 'unload' }
  | { id: number; op: 'close' };

const UNLOAD_WAIT_MS = 60_000;

const settings = settingsFromEnv(process.env);
const secret = loadSecret(settings.secretEnv, settings.secretFile);
const server = await startSharingServer({
  settings,
  store: await openStore(settings.store),
  secret,
  quiet: true,
});
const hp = server.hocuspocus;
type Direct = Awaited<ReturnType<typeof hp.openDirectConnection>>;
let open: Direct[] = [];

const gc = (globalThis as { gc?: () => void }).gc;
function memory() {
  if (!gc) throw new Error('run with --expose-gc');
  gc();
  gc();
  return process.memoryUsage();
}

async function handle(req: Request): Promise<unknown> {
  switch (req.op) {
    case 'memory':
      return memory();
    case 'load': {
      for (const name of req.names)
        open.push(await hp.openDirectConnection(name, { user: 'bench', role: 'owner' }));
      const first = hp.documents.get(req.names[0] ?? '');
      const entries: [string, number][] = first
        ? [...first.share.keys()].map((k): [string, number] => [k, first.getMap(k).size])
        : [];
      return { loaded: hp.documents.size, entries: Object.fromEntries(entries) };
    }
    case 'unload': {
      const closing = open;
      open = [];
      for (const c of closing) await c.disconnect();
      const end = Date.now() + UNLOAD_WAIT_MS;
      while (hp.documents.size > 0) {
        if (Date.now() > end)
          throw new Error(`${hp.documents.size} documents still loaded after ${UNLOAD_WAIT_MS} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return { loaded: hp.documents.size };
    }
    case 'close':
      await server.close();
      setImmediate(() => process.exit(0));
      return { closed: true };
  }
}

process.on('message', (req: Request) => {
  handle(req).then(
    (value) => process.send?.({ id: req.id, value }),
    (e: unknown) => process.send?.({ id: req.id, error: String((e as Error)?.stack ?? e) }),
  );
});
process.send?.({ id: 0, value: { port: server.port, pid: process.pid } });
