/**
 * 光合助手 local ledger: workspaces, matrix accounts, bindings, permissions, their event log, settings.
 * Background service worker: commands (writes). Side panel: queries (reads, liveQuery-safe).
 */
export {
  LedgerDb,
  openLedger,
  LEDGER_DB_NAME,
  LEDGER_SCHEMA_VERSION,
  BACKUP_TABLES,
  ROSTER_TABLES,
  ALL_BACKUP_TABLES,
  type BackupTable,
  type RosterTable,
  type AnyBackupTable,
} from './db';
export * from './types';
export * from './errors';
export {
  BINDING_MACHINE,
  PERMISSION_MACHINE,
  ACTIVE_PERMISSION_STATES,
  canTransition,
  assertTransition,
  assertInitial,
  findTransition,
  nextStates,
  shortestPath,
  type Machine,
  type TransitionDef,
  type TransitionActor,
} from './lifecycle';
export {
  createWorkspace,
  renameWorkspace,
  deleteWorkspace,
  upsertAccount,
  recordInvite,
  transitionBinding,
  unbind,
  requestPermission,
  transitionPermission,
  updateSettings,
  type CommandOptions,
  type InviteTarget,
  type AccountInput,
} from './commands';
export {
  recordPageCapture,
  captureKeyOf,
  bindingStateFromText,
  permissionStateFromText,
  CAPTURE_RETENTION_MS,
  type CaptureResult,
  type PageCapture,
  type PageCaptureRow,
} from './capture';
export {
  recordRosterCapture,
  rosterCaptureKey,
  confirmMemberGone,
  restoreMember,
  deleteInstitution,
  type RosterCaptureResult,
  type MemberCommandOptions,
} from './roster';
export {
  listWorkspaces,
  listAccounts,
  getProgressCounts,
  getSettings,
  type WorkspaceSummary,
  type AccountView,
  type AccountFilter,
  type ProgressCounts,
} from './queries';
export {
  getBindingTimeline,
  getEntityHistory,
  getPendingQueue,
  listAccountWindow,
  ACCOUNT_WINDOW,
  type AccountWindow,
  staleCount,
  listInstitutions,
  getRoster,
  getRosterCounts,
  getRosterSlice,
  getMemberTimeline,
  type InstitutionSummary,
  type RosterCounts,
  type RosterFilter,
  type RosterView,
  type RosterSliceQuery,
  type PendingItem,
} from './tab-queries';
export { derivePendingRows, rebuildPending, comparePending } from './pending';
export {
  computeReminders,
  isStale,
  badgeText,
  effectiveThresholdDays,
  type Reminders,
  type Waiting,
} from './reminders';
export {
  maskPhone,
  hmacPhone,
  hmacPhoneIfKeyed,
  phoneKeyId,
  isNormalisedPhone,
  getHmacKey,
  PHONE_PATTERN,
} from './phone';
export {
  exportBackup,
  exportJson,
  serializeBackup,
  parseBackup,
  previewImport,
  applyImport,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  OLDEST_BACKUP_VERSION,
  MAX_IMPORT_CHARS,
  IMPORT_CHUNK,
  MAX_LISTED_IDS,
  type LedgerBackup,
  type LedgerBackupV1,
  type ExportOptions,
  type ImportPreview,
  type ImportProgress,
  type ImportResult,
  type TableImportSummary,
  type ParsedBackup,
} from './backup';
export {
  exportCsv,
  csvCell,
  csvLine,
  formatTime,
  CSV_HEADERS,
  CSV_HEADERS_EN,
  CSV_PHONE_HEADERS,
  type CsvOptions,
} from './csv';
export { LEDGER_VERSIONS, applyMigrations, checkVersions, type LedgerMigration } from './migrations';
export { LIMITS, PageCaptureSchema, AccountInputSchema, RosterSnapshotSchema } from './schemas';
