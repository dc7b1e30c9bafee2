import { describe, expect, it } from 'vitest';
import { inTabOrder } from '@/entrypoints/background/tabs';

/** A promise the test settles by hand, so the order of events is the test's, never the clock's. */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('inTabOrder: one tab’s page reports are handled one after another', () => {
  it('a later report waits for an earlier, slower one of the same tab', async () => {
    const log: string[] = [];
    const slow = deferred();
    const first = inTabOrder(1, async () => {
      log.push('first started');
      await slow.promise;
      log.push('first done');
    });
    const second = inTabOrder(1, async () => {
      log.push('second started');
      await Promise.resolve();
      log.push('second done');
    });
    // Let every queued microtask run: the second must still be waiting.
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(log).toEqual(['first started']);
    slow.resolve();
    await Promise.all([first, second]);
    expect(log).toEqual(['first started', 'first done', 'second started', 'second done']);
  });

  it('another tab does not wait, and a failed report neither blocks the next nor loses its error', async () => {
    const log: string[] = [];
    const slow = deferred();
    const a = inTabOrder(2, async () => {
      await slow.promise;
      log.push('tab 2');
    });
    await inTabOrder(3, async () => {
      await Promise.resolve();
      log.push('tab 3');
    });
    expect(log).toEqual(['tab 3']);
    slow.reject(new Error('disk full'));
    const after = inTabOrder(2, async () => {
      await Promise.resolve();
      log.push('tab 2 again');
    });
    await expect(a).rejects.toThrow('disk full');
    await after;
    expect(log).toEqual(['tab 3', 'tab 2 again']);
  });
});
