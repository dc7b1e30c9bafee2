/**
 * A whole workspace shared at once is sent in slices: one Yjs transaction is one update and one
 * WebSocket message, and the server closes a socket whose message is over MAX_MESSAGE_BYTES.
 */
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { docMap, readDoc, writeChange, WRITE_SLICE_ROWS } from '@/utils/sync/doc';
import { deriveWorkspaceKeys, newWorkspaceSecret } from '@/utils/sync/keys';
import { settingsFromEnv } from '@/server/config';
import { account, binding, step, workspace, WS } from './fixtures';

describe('writeChange of a large change', () => {
  it('sends one update per slice of rows, each far below the default message limit, and loses none', async () => {
    const keys = await deriveWorkspaceKeys(newWorkspaceSecret(), WS);
    const main = account({ guangguangId: '2210000002', role: 'main' });
    const x = account({ guangguangId: '3310000001' });
    const b = binding(main.id, x.id, 'accepted', 1);
    const n = 2 * WRITE_SLICE_ROWS + 500;
    const events = Array.from({ length: n }, (_, i) => step(b, 'pending', 'accepted', i + 2));
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    const LOCAL = Symbol('local');
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === LOCAL) updates.push(u);
    });
    const written = await writeChange(
      doc,
      keys,
      'alice',
      { workspace: workspace(main.id), accounts: [main, x], bindings: [b], events },
      LOCAL,
    );
    expect(written).toBe(n + 4);
    expect(updates).toHaveLength(3);
    const limit = settingsFromEnv({}, '/').maxMessageBytes;
    for (const u of updates) expect(u.byteLength).toBeLessThan(limit / 4);
    expect(docMap(doc, 'events').size).toBe(n);
    // A peer applying the slices in order reads the whole change.
    const peer = new Y.Doc();
    for (const u of updates) Y.applyUpdate(peer, u);
    expect((await readDoc(peer, keys, WS)).events).toHaveLength(n);
  });
});
