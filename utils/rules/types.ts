/**
 * Public types of the rule catalogue. Pure types, no code, so both the background worker and the
 * side panel can import them, and so can `scripts/rules-doc.ts` under `node --experimental-strip-types`.
 *
 * Every submission comes from a page extractor or a form the user typed into: fields may be missing
 * or odd at run time whatever these types say. The engine coerces them first (see `coerce.ts`).
 */
import type { BindingState, Identity, PermissionScope, PermissionState } from '../ledger/types.ts';

/** Bilingual text: every message the user sees has both. */
export interface LocalizedText {
  zh: string;
  en: string;
}

/** `block`: the platform would reject it or it breaks a seed rule. `warn`: likely mistake, may continue with a reason. `info`: what the user should know. */
export type Severity = 'block' | 'warn' | 'info';

/**
 * Where a rule comes from. `seed-000`: the 2021 article on logging in to 光合平台. `seed-001`: the 2023
 * guide to the 1+N matrix account feature. `platform.md §n`: the n-th `##` section of platform.md,
 * `§3.n` being item n of its "Pages and flows" list.
 */
/** A seed, or a section of platform.md; `(observed)` / `(observed, unverified)`: from its "Observed on the real pages". */
export type Source = 'seed-000' | 'seed-001' | `platform.md §${string}`;

// Identities, permission scopes and states, binding states: the ledger's own types (one vocabulary).
export type { BindingState, Identity, PermissionScope, PermissionState };

/** Homepage entrances: 立即入驻 / 创作者服务 (creator platform), 机构服务 (institution platform). */
export type Entrance = 'settle' | 'creator-service' | 'institution-service';

/**
 * 立即 or 定时 publish. `at` is what the user typed: Beijing time `YYYY-MM-DD HH:mm` (also `/`, `.`,
 * `年月日`, `T`, seconds, full-width digits) or ISO 8601 with an offset.
 */
export type Schedule = { mode: 'now' } | { mode: 'scheduled'; at: string };

export interface EntranceChoiceSubmission {
  kind: 'entrance-choice';
  /** Who the user says they are; missing when they have not said. */
  identity?: Identity;
  entrance: Entrance;
  /** The login name typed on the Taobao login page, when known (sub-accounts: `主账号:子账号`). */
  loginName?: string;
}

export interface NicknameConfirmSubmission {
  kind: 'nickname-confirm';
  identity: Identity;
  /** The Tmall store name the platform derives the nickname from. */
  storeName?: string;
  nickname: string;
}

export interface MatrixInviteSubmission {
  kind: 'matrix-invite';
  guangguangId: string;
  /** As typed. */
  phone: string;
  /** HMAC of the normalised phone under the ledger's key, computed by the caller; compared with the ledger's. */
  phoneHash?: string;
}

export interface PermissionRequestSubmission {
  kind: 'permission-request';
  guangguangId: string;
  scopes: readonly PermissionScope[];
}

export interface ProductPoolGrantSubmission {
  kind: 'product-pool-grant';
  guangguangId: string;
  /** Also show the main shop card (店铺卡片) on the matrix homepage. */
  shopCard?: boolean;
}

export interface UnbindSubmission {
  kind: 'unbind';
  guangguangId: string;
  /** Who wants the binding gone: the main account (on the matrix page) or the matrix account (by email). */
  by: 'main' | 'matrix';
  /** Used in the matrix account's email template. */
  reason?: string;
}

/** An institution unbinding one of its creators on 达人管理 (institution platform). */
export interface RosterUnbindSubmission {
  kind: 'roster-unbind';
  guangguangId: string;
  /** As the confirmation names the creator ('' when it does not). */
  nickname: string;
}

export interface PublishFields {
  /** The matrix account's 逛逛号 chosen as 发布账号. */
  actingAs?: string;
  title: string;
  description: string;
  /** 内容标签. */
  tags: readonly string[];
  /** 关联商品: the products picked (their names or IDs as the form shows them). */
  products: readonly string[];
  /** 关联商品: 店铺 cards picked (they cannot go with products). */
  shops?: readonly string[];
  /** 话题 (话题活动) chosen; the form offers one. */
  topics?: readonly string[];
  schedule: Schedule;
  /** 创作者声明, as the option's label. */
  declaration?: string;
  /**
   * On the institution platform: the creator the form says it publishes as (its 发布账号, with the
   * 逛逛号 it shows), and the 逛逛号 of the 达人管理 row whose 发布 opened it (the page's address).
   */
  creator?: AccountRef;
  openedFor?: string;
}

export interface ProxyPublishVideoSubmission extends PublishFields {
  kind: 'proxy-publish-video';
}

export interface ProxyPublishImageSubmission extends PublishFields {
  kind: 'proxy-publish-image';
  /** Number of images; missing means the page did not say. */
  images?: number;
}

/** One item of a 批量发布: what the per-item publish rules read. */
export interface BatchItem {
  title: string;
  description: string;
  schedule: Schedule;
  /** How the page names the item besides its number (its title, else its video), '' when nothing. */
  name?: string;
}

/** 批量发布 on the institution platform: every item checked by the publish rules, one submit for all. */
export interface BatchPublishSubmission {
  kind: 'batch-publish';
  items: readonly BatchItem[];
  /** One 创作者声明 for the whole batch. */
  declaration?: string;
  creator?: AccountRef;
  openedFor?: string;
}

export type InteractionAction = 'comment' | 'reply' | 'like';

export interface ProxyInteractionSubmission {
  kind: 'proxy-interaction';
  actingAs: string;
  action: InteractionAction;
  text?: string;
}

export type Submission =
  | EntranceChoiceSubmission
  | NicknameConfirmSubmission
  | MatrixInviteSubmission
  | PermissionRequestSubmission
  | ProductPoolGrantSubmission
  | UnbindSubmission
  | RosterUnbindSubmission
  | ProxyPublishVideoSubmission
  | ProxyPublishImageSubmission
  | BatchPublishSubmission
  | ProxyInteractionSubmission;

export type SubmissionKind = Submission['kind'];
export type SubmissionOf<K extends SubmissionKind> = Extract<Submission, { kind: K }>;

export interface AccountRef {
  guangguangId?: string;
  nickname?: string;
}

export interface WorkspaceAccount extends AccountRef {
  identity?: Identity;
}

export interface PermissionRecord {
  scope: PermissionScope;
  state: PermissionState;
}

/** An account the ledger knows, with its binding to the workspace's main account. */
export interface KnownAccount {
  guangguangId: string;
  nickname?: string;
  state: BindingState;
  /** HMAC of the registered phone, as recorded by the ledger. */
  phoneHash?: string;
  permissions: readonly PermissionRecord[];
}

/** A plain, serialisable snapshot of what the local ledger knows. */
export interface RuleContext {
  /** Epoch ms. Rules never read the clock. */
  now: number;
  /** The selected workspace's main account. */
  workspace: WorkspaceAccount | null;
  /** Known accounts and their bindings to the workspace's main account. */
  accounts: readonly KnownAccount[];
  /** Whether the main account is on the matrix feature's whitelist. */
  whitelisted: boolean | 'unknown';
  /** The account logged in on the page, when the page shows it. */
  pageAccount: AccountRef | null;
  /**
   * True when the tab has just come back from a Taobao login page and no page since has shown who is
   * logged in: the account may have changed, so `pageAccount` is unknown rather than the previous one.
   */
  pageAccountUnconfirmed?: boolean;
  /**
   * The roster of the institution logged in (its 达人管理 as the assistant recorded it), for checks made
   * on the institution platform; absent elsewhere, null when none has been read yet.
   */
  roster?: RosterFacts | null;
}

export interface RosterFacts {
  institution: string;
  members: readonly RosterMemberRef[];
}

export interface RosterMemberRef {
  nickname: string;
  guangguangId: string | null;
  /** listed: on the last list seen; missing: absent from a complete 已绑定 list; gone: confirmed. */
  status: 'listed' | 'missing' | 'gone';
  /** The tab it was last seen on. */
  binding: 'bound' | 'other';
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  field?: string;
  message: LocalizedText;
  source: Source;
  /** For a 批量发布: the item it is about (1-based, as the page numbers them) and its name. */
  item?: { index: number; name: string };
}

export type Verdict = 'allow' | 'warn' | 'block';
