/**
 * Typed ledger errors. Each carries a `code` and a message in Chinese (`zh`) and English (`en`), so the
 * panel can show the user's language and the background can pass `{ zh, en }` over messaging.
 */

export type LedgerErrorCode =
  'illegal-transition' | 'not-found' | 'invalid-input' | 'conflict' | 'storage-full' | 'import-invalid';

export class LedgerError extends Error {
  readonly code: LedgerErrorCode;
  readonly zh: string;
  readonly en: string;

  constructor(code: LedgerErrorCode, zh: string, en: string, options?: { cause?: unknown }) {
    super(`${en} (${zh})`, options);
    this.name = 'LedgerError';
    this.code = code;
    this.zh = zh;
    this.en = en;
  }

  /** Plain `{ zh, en }` for a message reply. */
  toMessage(): { zh: string; en: string } {
    return { zh: this.zh, en: this.en };
  }
}

export class IllegalTransitionError extends LedgerError {
  readonly machine: string;
  readonly from: string | null;
  readonly to: string;

  constructor(
    machine: 'binding' | 'permission',
    from: string | null,
    to: string,
    zhLabel?: (s: string) => string,
  ) {
    const z = zhLabel ?? ((s: string) => s);
    const what = machine === 'binding' ? '绑定' : '权限';
    super(
      'illegal-transition',
      from === null ? `${what}不能以「${z(to)}」状态开始` : `${what}状态不能从「${z(from)}」变为「${z(to)}」`,
      from === null
        ? `A ${machine} cannot start in state "${to}"`
        : `Illegal ${machine} transition: "${from}" → "${to}"`,
    );
    this.name = 'IllegalTransitionError';
    this.machine = machine;
    this.from = from;
    this.to = to;
  }
}

export class LedgerNotFoundError extends LedgerError {
  constructor(what: 'workspace' | 'account' | 'binding' | 'permission' | 'member', id: string) {
    const zh = { workspace: '工作区', account: '账号', binding: '绑定', permission: '权限', member: '成员' }[
      what
    ];
    super('not-found', `找不到${zh}（${id}）`, `No ${what} with id ${id}`);
    this.name = 'LedgerNotFoundError';
  }
}

export class LedgerValidationError extends LedgerError {
  readonly issues: string[];
  constructor(issues: string[], zh?: string, en?: string) {
    super(
      'invalid-input',
      zh ?? `输入无效：${issues.slice(0, 3).join('；')}`,
      en ?? `Invalid input: ${issues.slice(0, 3).join('; ')}`,
    );
    this.name = 'LedgerValidationError';
    this.issues = issues;
  }
}

export class LedgerConflictError extends LedgerError {
  constructor(zh: string, en: string) {
    super('conflict', zh, en);
    this.name = 'LedgerConflictError';
  }
}

export class LedgerStorageFullError extends LedgerError {
  constructor(cause?: unknown) {
    super(
      'storage-full',
      '存储空间已满，本次操作未保存。请导出备份后清理不再需要的工作区，或释放磁盘空间后重试。',
      'Storage is full; nothing from this action was saved. Export a backup and delete workspaces you no longer need, or free disk space, then try again.',
      { cause },
    );
    this.name = 'LedgerStorageFullError';
  }
}

export class LedgerImportError extends LedgerError {
  /** Each names the row and field, e.g. `accounts[12].guangguangId: expected string, received number`. */
  readonly issues: string[];
  constructor(issues: string[], zh: string, en: string) {
    super('import-invalid', zh, en);
    this.name = 'LedgerImportError';
    this.issues = issues;
  }
}

function errName(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'name' in e && typeof e.name === 'string') return e.name;
  return undefined;
}

/**
 * True when `e` is (or wraps) a quota error: the DOMException `QuotaExceededError`, Dexie's
 * `QuotaExceededError`, or a Dexie `AbortError`/`BulkError` whose inner error or failures are one.
 */
export function isQuotaError(e: unknown, depth = 0): boolean {
  if (depth > 5 || !e || typeof e !== 'object') return false;
  const name = errName(e);
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
  // Legacy DOMException code 22 = QUOTA_EXCEEDED_ERR.
  if ('code' in e && e.code === 22 && name !== undefined && name.includes('Quota')) return true;
  const rec = e as { inner?: unknown; cause?: unknown; failures?: unknown };
  if (isQuotaError(rec.inner, depth + 1) || isQuotaError(rec.cause, depth + 1)) return true;
  if (Array.isArray(rec.failures)) return rec.failures.some((f) => isQuotaError(f, depth + 1));
  return false;
}

/** Turns a quota error into `LedgerStorageFullError`; anything else is rethrown as is. */
export function mapStorageError(e: unknown): never {
  if (e instanceof LedgerError) throw e;
  if (isQuotaError(e)) throw new LedgerStorageFullError(e);
  throw e;
}

/** Runs a write and maps storage errors. The write must be one Dexie transaction (so nothing is half-written). */
export async function guardStorage<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    return mapStorageError(e);
  }
}
