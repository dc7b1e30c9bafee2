/**
 * The two lifecycles as data. Commands and page captures consult these tables; tests iterate them, so
 * a state or transition added here is covered by the table-driven tests automatically.
 *
 * Binding (the invite of a matrix account by the main account):
 *
 *   draft ──► pending ──► accepted ──► unbound
 *     │          ├──► declined ─┐
 *     │          ├──► expired  ─┤   re-invite: declined / expired / cancelled / unbound ──► pending
 *     └──► cancelled ◄──┘       │   (the same binding row is reused, so its timeline stays in one place)
 *
 * - `draft → cancelled`: a drafted invite is discarded.
 * - `pending → cancelled`: the main account withdraws a sent invite.
 * - Re-invite is allowed from every end state, including `unbound`: the platform lets the main account
 *   invite the same 逛逛号 again, and a second row would split the history.
 * - Leaving `accepted` (normally to `unbound`) revokes every `requested`/`granted` permission of the
 *   binding in the same transaction, one event each.
 *
 * Permission (one per binding and scope):
 *
 *   requested ──► granted ──► revoked
 *       ├──► declined           ▲
 *       └──────────────────────┘   (`requested → revoked`: the request is withdrawn, or the binding is unbound)
 *   re-request: declined / revoked ──► requested (the same row is reused)
 */
import { IllegalTransitionError } from './errors';
import {
  BINDING_STATES,
  PERMISSION_STATES,
  type BindingState,
  type PermissionState,
  zhLabels,
} from './types';

/** Who normally performs a step; used to fill `actorAccountId` when the caller does not say. */
export type TransitionActor = 'main' | 'matrix' | 'system';

export interface TransitionDef<S extends string> {
  from: S;
  to: S;
  actor: TransitionActor;
  zh: string;
  en: string;
}

export interface Machine<S extends string> {
  name: 'binding' | 'permission';
  states: readonly S[];
  /** States a new row may be created in by a command. */
  initial: readonly S[];
  transitions: readonly TransitionDef<S>[];
  labelsZh: Readonly<Record<S, string>>;
}

export const BINDING_MACHINE: Machine<BindingState> = {
  name: 'binding',
  states: BINDING_STATES,
  initial: ['draft', 'pending'],
  transitions: [
    { from: 'draft', to: 'pending', actor: 'main', zh: '发送邀请', en: 'send invite' },
    { from: 'draft', to: 'cancelled', actor: 'main', zh: '放弃草稿', en: 'discard draft' },
    { from: 'pending', to: 'accepted', actor: 'matrix', zh: '接受邀请', en: 'accept invite' },
    { from: 'pending', to: 'declined', actor: 'matrix', zh: '拒绝邀请', en: 'decline invite' },
    { from: 'pending', to: 'expired', actor: 'system', zh: '邀请过期', en: 'invite expired' },
    { from: 'pending', to: 'cancelled', actor: 'main', zh: '撤回邀请', en: 'cancel invite' },
    { from: 'accepted', to: 'unbound', actor: 'main', zh: '解除绑定', en: 'unbind' },
    { from: 'declined', to: 'pending', actor: 'main', zh: '重新邀请', en: 're-invite' },
    { from: 'expired', to: 'pending', actor: 'main', zh: '重新邀请', en: 're-invite' },
    { from: 'cancelled', to: 'pending', actor: 'main', zh: '重新邀请', en: 're-invite' },
    { from: 'unbound', to: 'pending', actor: 'main', zh: '重新邀请', en: 're-invite' },
  ],
  labelsZh: zhLabels.binding,
};

export const PERMISSION_MACHINE: Machine<PermissionState> = {
  name: 'permission',
  states: PERMISSION_STATES,
  initial: ['requested'],
  transitions: [
    { from: 'requested', to: 'granted', actor: 'matrix', zh: '同意授权', en: 'grant' },
    { from: 'requested', to: 'declined', actor: 'matrix', zh: '拒绝授权', en: 'decline' },
    { from: 'requested', to: 'revoked', actor: 'main', zh: '撤回申请', en: 'withdraw request' },
    { from: 'granted', to: 'revoked', actor: 'main', zh: '回收权限', en: 'revoke' },
    { from: 'declined', to: 'requested', actor: 'main', zh: '重新申请', en: 're-request' },
    { from: 'revoked', to: 'requested', actor: 'main', zh: '重新申请', en: 're-request' },
  ],
  labelsZh: zhLabels.permission,
};

/** Permission states that end (→ `revoked`) when their binding leaves `accepted`. */
export const ACTIVE_PERMISSION_STATES: readonly PermissionState[] = ['requested', 'granted'];

export function findTransition<S extends string>(
  m: Machine<S>,
  from: S,
  to: S,
): TransitionDef<S> | undefined {
  return m.transitions.find((t) => t.from === from && t.to === to);
}

export function canTransition<S extends string>(m: Machine<S>, from: S, to: S): boolean {
  return findTransition(m, from, to) !== undefined;
}

/** The step `from → to`, or `IllegalTransitionError` (zh + en) when the machine has no such step. */
export function assertTransition<S extends string>(m: Machine<S>, from: S, to: S): TransitionDef<S> {
  const t = findTransition(m, from, to);
  if (!t) throw new IllegalTransitionError(m.name, from, to, (s) => m.labelsZh[s as S] ?? s);
  return t;
}

export function assertInitial<S extends string>(m: Machine<S>, state: S): void {
  if (!m.initial.includes(state)) {
    throw new IllegalTransitionError(m.name, null, state, (s) => m.labelsZh[s as S] ?? s);
  }
}

/** States reachable in one legal step. */
export function nextStates<S extends string>(m: Machine<S>, from: S): S[] {
  return m.transitions.filter((t) => t.from === from).map((t) => t.to);
}

/**
 * Shortest chain of legal steps from `from` to `to` (states after `from`, ending with `to`), or null.
 * Used to describe a page jump (e.g. `draft` → `accepted` went through `pending` unseen).
 */
export function shortestPath<S extends string>(m: Machine<S>, from: S, to: S): S[] | null {
  if (from === to) return [];
  const prev = new Map<S, S>();
  const queue: S[] = [from];
  const seen = new Set<S>([from]);
  while (queue.length) {
    const s = queue.shift() as S;
    for (const n of nextStates(m, s)) {
      if (seen.has(n)) continue;
      seen.add(n);
      prev.set(n, s);
      if (n === to) {
        const path: S[] = [n];
        let cur = s;
        while (cur !== from) {
          path.unshift(cur);
          cur = prev.get(cur) as S;
        }
        return path;
      }
      queue.push(n);
    }
  }
  return null;
}
