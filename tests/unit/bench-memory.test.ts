/**
 * The pure helpers of the bench's memory figures (bench/README.md, figures 13–15): how the in-memory
 * floor names a ledger read and which modules its build swaps, which open/close cycles are measured
 * and compared, and which execution context is our content script's.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentScriptContext, growthSides, measuredCycles } from '../../bench/lib/heap';
import { callKey, stableJson, swappedFor } from '../../bench/lib/panel-memory';

describe('in-memory floor: read keys', () => {
  it('names a read by its name and its arguments, object keys in any order', () => {
    expect(callKey('listAccounts', ['ws-1', { role: 'matrix', search: 'a' }])).toBe(
      callKey('listAccounts', ['ws-1', { search: 'a', role: 'matrix' }]),
    );
    expect(callKey('listAccounts', ['ws-1', { role: 'matrix' }])).toBe(
      'listAccounts("ws-1",{"role":"matrix"})',
    );
    expect(callKey('getSettings', [])).toBe('getSettings()');
  });

  it('tells different reads apart: another workspace, another filter, no filter', () => {
    const keys = [
      callKey('listAccounts', ['ws-1', {}]),
      callKey('listAccounts', ['ws-2', {}]),
      callKey('listAccounts', ['ws-1', { role: 'matrix' }]),
      callKey('getPendingQueue', ['ws-1']),
      callKey('getPendingQueue', [null]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('writes JSON with sorted keys, dropping undefined members as JSON does', () => {
    expect(stableJson({ b: 1, a: [2, { d: null, c: 'x' }], u: undefined })).toBe(
      '{"a":[2,{"c":"x","d":null}],"b":1}',
    );
    expect(stableJson([undefined, 1])).toBe('[null,1]');
  });
});

describe('in-memory floor: the swapped modules', () => {
  const root = resolve('/repo');
  it('swaps the panel ledger queries and its database handle for every importer of the panel', () => {
    expect(swappedFor('/repo/utils/ledger/queries.ts', '/repo/components/ledger/LedgerView.tsx', root)).toBe(
      '/repo/bench/panel/queries.ts',
    );
    expect(
      swappedFor('/repo/utils/ledger/tab-queries.ts', '/repo/components/ledger/RosterView.tsx', root),
    ).toBe('/repo/bench/panel/tab-queries.ts');
    expect(
      swappedFor('/repo/components/ledger/db.ts', '/repo/components/hooks/useWorkspaceStatus.ts', root),
    ).toBe('/repo/bench/panel/db.ts');
  });

  it("keeps the real modules for the floor's own modules (which wrap them) and every other module", () => {
    expect(swappedFor('/repo/utils/ledger/queries.ts', '/repo/bench/panel/queries.ts', root)).toBeNull();
    expect(
      swappedFor('/repo/utils/ledger/tab-queries.ts', '/repo/bench/panel/tab-queries.ts', root),
    ).toBeNull();
    expect(swappedFor('/repo/components/ledger/db.ts', '/repo/bench/panel/held.ts', root)).toBeNull();
    expect(swappedFor('/repo/utils/ledger/db.ts', '/repo/components/ledger/db.ts', root)).toBeNull();
    expect(swappedFor('/repo/utils/ledger/pending.ts', '/repo/utils/ledger/queries.ts', root)).toBeNull();
  });
});

describe('heap growth: measured cycles and the two sides', () => {
  it('measures the first and last few cycles and every n-th between', () => {
    expect(measuredCycles(30, 5, 5, 10)).toEqual([1, 2, 3, 4, 5, 10, 20, 26, 27, 28, 29, 30]);
    expect(measuredCycles(200, 5, 5, 0)).toEqual([1, 2, 3, 4, 5, 196, 197, 198, 199, 200]);
  });

  it('compares the last cycles with the first, and refuses overlapping sides', () => {
    const samples = measuredCycles(30, 5, 5, 10).map((cycle) => ({ cycle, bytes: cycle }));
    expect(growthSides(samples, 30, 5, 5)).toEqual({ early: [1, 2, 3, 4, 5], late: [26, 27, 28, 29, 30] });
    expect(() => growthSides(samples, 8, 5, 5)).toThrow(/too few/);
  });
});

describe("our content script's world", () => {
  const ext = 'abcdefghijklmnopabcdefghijklmnop';
  const ctx = (id: number, frameId: string, isDefault: boolean, origin: string) => ({
    id,
    origin,
    auxData: { frameId, isDefault, type: isDefault ? 'default' : 'isolated' },
  });
  const contexts = [
    ctx(1, 'F', true, 'https://creator.guanghe.taobao.com'), // the page's own world
    ctx(2, 'F', false, `chrome-extension://${ext}`), // ours
    ctx(3, 'F', false, 'chrome-extension://otherextensionotherextensionothe'), // another extension
    ctx(4, 'G', false, `chrome-extension://${ext}`), // ours, in another frame
  ];

  it("is the isolated world of the frame with our extension's origin", () => {
    expect(contentScriptContext(contexts, new Set(), ext, 'F')).toBe(2);
    expect(contentScriptContext(contexts, new Set(), ext, 'G')).toBe(4);
    expect(contentScriptContext(contexts, new Set(), ext, 'H')).toBeNull();
  });

  it('is the latest one still alive (a reload makes a new world)', () => {
    const later = [...contexts, ctx(9, 'F', false, `chrome-extension://${ext}`)];
    expect(contentScriptContext(later, new Set(), ext, 'F')).toBe(9);
    expect(contentScriptContext(later, new Set([9]), ext, 'F')).toBe(2);
    expect(contentScriptContext(later, new Set([2, 9]), ext, 'F')).toBeNull();
  });
});
