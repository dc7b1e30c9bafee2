/**
 * A code-split part of the panel (its chunk imported on first need), held in state instead of through
 * `React.lazy` + `Suspense`. React holds a Suspense boundary's reveal back until 300 ms after the last
 * fallback it showed (its fallback throttle), so a tab or view behind `lazy` showed its data up to
 * 300 ms after it was read; a state update commits at once. Measured by `npm run bench`
 * (panel.first-render, panel.roster-first-render).
 */
import { useEffect, useState } from 'react';

export interface Chunk<M> {
  /** Starts the import once (a failed one is tried again on the next call); resolves to the module. */
  load(): Promise<M>;
  /** The module once loaded, for a render that needs it synchronously. */
  readonly loaded: M | null;
}

export function chunk<M>(importer: () => Promise<M>): Chunk<M> {
  let pending: Promise<M> | null = null;
  let loaded: M | null = null;
  return {
    load: () =>
      (pending ??= importer().then(
        (m) => (loaded = m),
        (e: unknown) => {
          pending = null;
          throw e;
        },
      )),
    get loaded() {
      return loaded;
    },
  };
}

/** The chunk's module (null while it loads), or the error its import failed with. */
export function useChunk<M>(c: Chunk<M>): { module: M | null; error: unknown } {
  const [state, setState] = useState<{ module: M | null; error: unknown }>(() => ({
    module: c.loaded,
    error: null,
  }));
  useEffect(() => {
    if (state.module) return;
    let live = true;
    c.load().then(
      (module) => live && setState({ module, error: null }),
      (error: unknown) => live && setState({ module: null, error }),
    );
    return () => {
      live = false;
    };
  }, [c, state.module]);
  return state;
}
