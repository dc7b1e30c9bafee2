/**
 * The panel's code-split parts (components/hooks/useChunk): each chunk is imported once, a failed
 * import is tried again, and a part already loaded renders at once (no loading card, no Suspense
 * boundary whose reveal React would throttle). Rendered as static markup (no browser).
 */
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { chunk, useChunk, type Chunk } from '@/components/hooks/useChunk';

interface Mod {
  View: () => ReactElement;
}
const mod: Mod = { View: () => <p>loaded view</p> };

function Part({ c }: { c: Chunk<Mod> }) {
  const { module, error } = useChunk(c);
  if (module) return <module.View />;
  return <p>{error ? 'failed' : 'loading'}</p>;
}

describe('chunk', () => {
  it('imports once however often it is asked, and holds the module once it is in', async () => {
    let calls = 0;
    const c = chunk(() => {
      calls++;
      return Promise.resolve(mod);
    });
    expect(c.loaded).toBeNull();
    const [a, b] = await Promise.all([c.load(), c.load()]);
    expect(await c.load()).toBe(mod);
    expect([a, b, c.loaded, calls]).toEqual([mod, mod, mod, 1]);
  });

  it('a failed import is reported and tried again on the next load', async () => {
    let calls = 0;
    const c = chunk(() =>
      ++calls === 1
        ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
        : Promise.resolve(mod),
    );
    await expect(c.load()).rejects.toThrow('dynamically imported');
    expect(c.loaded).toBeNull();
    expect(await c.load()).toBe(mod);
    expect(calls).toBe(2);
  });
});

describe('useChunk', () => {
  it('renders a loaded part in its first render, and the loading state before the import is in', async () => {
    const c = chunk(() => Promise.resolve(mod));
    expect(renderToStaticMarkup(<Part c={c} />)).toBe('<p>loading</p>');
    await c.load();
    expect(renderToStaticMarkup(<Part c={c} />)).toBe('<p>loaded view</p>');
  });
});
