/**
 * The sharing figures' arithmetic (bench/sharing/run.ts): the server's memory readings turned into
 * growth per workspace and what an unload gives back. Pure.
 */

/** What the server process reports (`process.memoryUsage()` after two collections), in bytes. */
export interface MemoryReading {
  rss: number;
  heapUsed: number;
  external: number;
}

export const MB = 1024 * 1024;

/** The JS heap in use plus memory held outside it for JS objects (Buffers, Uint8Arrays): bytes. */
export const heldBytes = (m: MemoryReading): number => m.heapUsed + m.external;

export interface MemoryGrowth {
  /** Held bytes (heap + external) per loaded workspace, above the empty server. */
  perWorkspace: number;
  /** The same per workspace / the workspace document's stored state (bytes): ≥ 1 for any server. */
  perStateByte: number;
  /** RSS per loaded workspace, above the empty server. */
  rssPerWorkspace: number;
  /**
   * What stays held after every document was unloaded, as a share of what loading them added
   * (0: all given back; 1: nothing given back). NaN when loading added nothing.
   */
  retainedAfterUnload: number;
}

export function memoryGrowth(
  empty: MemoryReading,
  loaded: MemoryReading,
  unloaded: MemoryReading,
  workspaces: number,
  stateBytes: number,
): MemoryGrowth {
  if (!(workspaces > 0) || !(stateBytes > 0))
    throw new Error('memoryGrowth: workspaces and stateBytes must be > 0');
  const added = heldBytes(loaded) - heldBytes(empty);
  const perWorkspace = added / workspaces;
  return {
    perWorkspace,
    perStateByte: perWorkspace / stateBytes,
    rssPerWorkspace: (loaded.rss - empty.rss) / workspaces,
    retainedAfterUnload: added > 0 ? (heldBytes(unloaded) - heldBytes(empty)) / added : NaN,
  };
}

/**
 * The backup text with one workspace id replaced by another wherever it is a JSON string (the seed's
 * `bench-ws-0` by a UUID, as the sync server's document names need: `ws:<uuid>`).
 */
export function withWorkspaceId(text: string, from: string, to: string): string {
  return text.split(JSON.stringify(from)).join(JSON.stringify(to));
}
