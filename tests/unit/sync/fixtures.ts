/** Ledger rows for the sync tests, shaped as the engine writes them. */
import type {
  AccountRow,
  BindingRow,
  BindingState,
  EventRow,
  PermissionRow,
  PermissionState,
  WorkspaceRow,
} from '@/utils/ledger/types';

export const WS = '6f1d2c3b-4a59-4e6f-8a7b-9c0d1e2f3a4b';
export const uuid = () => crypto.randomUUID();

export function workspace(mainAccountId: string, at = 1): WorkspaceRow {
  return { id: WS, name: '小林的杂货铺', mainAccountId, createdAt: at, updatedAt: at };
}

export function account(over: Partial<AccountRow> & { guangguangId: string }): AccountRow {
  return {
    id: uuid(),
    workspaceId: WS,
    role: 'matrix',
    nickname: `昵称${over.guangguangId}`,
    identity: null,
    storeName: null,
    storeType: null,
    phoneMask: null,
    phoneHash: null,
    note: '',
    createdAt: 1,
    updatedAt: 1,
    ...over,
  };
}

export function binding(main: string, matrix: string, state: BindingState, at: number): BindingRow {
  return {
    id: uuid(),
    workspaceId: WS,
    mainAccountId: main,
    matrixAccountId: matrix,
    state,
    invitedAt: state === 'draft' ? null : at,
    stateChangedAt: at,
    stateSource: 'manual',
    createdAt: at,
    updatedAt: at,
  };
}

export function permission(bindingId: string, state: PermissionState, at: number): PermissionRow {
  return {
    id: uuid(),
    workspaceId: WS,
    bindingId,
    scope: 'proxy-publish',
    state,
    requestedAt: at,
    stateChangedAt: at,
    stateSource: 'manual',
    createdAt: at,
    updatedAt: at,
  };
}

let seq = 0;
export function event(over: Partial<EventRow> & Pick<EventRow, 'entityType' | 'entityId' | 'at'>): EventRow {
  return {
    id: uuid(),
    workspaceId: WS,
    bindingId: null,
    scope: null,
    action: 'transition',
    field: 'state',
    from: null,
    to: null,
    seq: seq++,
    source: 'manual',
    actorAccountId: null,
    reason: null,
    cause: null,
    captureKey: null,
    ...over,
  };
}

/** A state step of a binding, as the engine records it. */
export function step(b: BindingRow, from: BindingState | null, to: BindingState, at: number): EventRow {
  return event({
    entityType: 'binding',
    entityId: b.id,
    bindingId: b.id,
    action: from === null ? 'created' : 'transition',
    field: from === null ? null : 'state',
    from,
    to,
    at,
  });
}

export function permStep(
  p: PermissionRow,
  from: PermissionState | null,
  to: PermissionState,
  at: number,
): EventRow {
  return event({
    entityType: 'permission',
    entityId: p.id,
    bindingId: p.bindingId,
    scope: p.scope,
    action: from === null ? 'created' : 'transition',
    field: from === null ? null : 'state',
    from,
    to,
    at,
  });
}
