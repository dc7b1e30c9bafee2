/**
 * The parent's side of bench/sharing/server-child.ts: the real sharing server as its own Node process
 * (`--experimental-strip-types --expose-gc`), asked over IPC; every request bounded in time, and the
 * process killed when the bench process exits, whatever happens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

export interface ServerChild {
  port: number;
  url: string;
  /** One IPC request; rejects on the child's error, on its exit, or after `ms`. */
  request<T>(op: string, extra?: Record<string, unknown>, ms?: number): Promise<T>;
  /** Asks the child to stop the server (bounded), then kills it if it is still there. */
  close(): Promise<void>;
}

const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export async function startServerChild(env: Record<string, string>, startMs = 30_000): Promise<ServerChild> {
  const child = spawn(
    process.execPath,
    [
      '--experimental-strip-types',
      '--disable-warning=ExperimentalWarning',
      '--expose-gc',
      '--max-old-space-size=6144',
      'bench/sharing/server-child.ts',
    ],
    { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  live.add(child);
  const waiting = new Map<number, { done: (v: unknown) => void; fail: (e: Error) => void }>();
  let exited: Error | null = null;
  child.once('exit', (code, signal) => {
    live.delete(child);
    exited = new Error(`the server child exited (${code ?? signal})`);
    for (const w of waiting.values()) w.fail(exited);
    waiting.clear();
  });
  child.on('message', (m: { id: number; value?: unknown; error?: string }) => {
    const w = waiting.get(m.id);
    if (!w) return;
    waiting.delete(m.id);
    if (m.error !== undefined) w.fail(new Error(`server child: ${m.error}`));
    else w.done(m.value);
  });
  let next = 1;
  const request = <T>(op: string, extra: Record<string, unknown> = {}, ms = 60_000): Promise<T> =>
    new Promise<T>((done, fail) => {
      if (exited) return fail(exited);
      const id = next++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        fail(new Error(`server child: no answer to ${op} within ${ms} ms`));
      }, ms);
      waiting.set(id, {
        done: (v) => {
          clearTimeout(timer);
          done(v as T);
        },
        fail: (e) => {
          clearTimeout(timer);
          fail(e);
        },
      });
      child.send({ id, op, ...extra });
    });
  // The child's first message (id 0) is its port.
  const started = new Promise<{ port: number }>((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`the server child did not start within ${startMs} ms`)),
      startMs,
    );
    waiting.set(0, {
      done: (v) => {
        clearTimeout(timer);
        done(v as { port: number });
      },
      fail: (e) => {
        clearTimeout(timer);
        fail(e);
      },
    });
  });
  let port: number;
  try {
    ({ port } = await started);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    request,
    async close() {
      if (!exited) await request('close', {}, 30_000).catch(() => undefined);
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await gone;
      }
    },
  };
}
