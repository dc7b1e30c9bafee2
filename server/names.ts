/**
 * The one format of a shared document's name, of a user's name and of a role. Everything that comes
 * from a client or from the command line passes through these before it reaches the store.
 */

/** `ws:` and a workspace id as the extension makes them (crypto.randomUUID: lower-case hex). */
const DOC_NAME = /^ws:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A login: lower-case letters, digits and `.`, `_`, `-`, `@`, `+` (an e-mail address fits), 1–64. */
const USER_NAME = /^[a-z0-9][a-z0-9._@+-]{0,63}$/;

export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isDocName(name: unknown): name is string {
  return typeof name === 'string' && DOC_NAME.test(name);
}

export function isUserName(name: unknown): name is string {
  return typeof name === 'string' && USER_NAME.test(name);
}

export function isRole(role: unknown): role is Role {
  return typeof role === 'string' && (ROLES as readonly string[]).includes(role);
}

/** Owners and editors write; viewers only read. */
export function canWrite(role: Role): boolean {
  return role !== 'viewer';
}
