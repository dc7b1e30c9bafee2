/**
 * What the content script may send the background, as valibot schemas: the background checks every
 * message with them (entrypoints/background/handlers.ts), and the TypeScript types of the messages
 * are inferred from them (re-exported type-only by utils/pages/types.ts, utils/pages/snapshot.ts and
 * utils/submit-types.ts), so the type and the check cannot drift apart.
 *
 * Every string and list has a bound (a forged or stale content script cannot make the background
 * store megabytes); extra keys are let through unread (`looseObject`); arrays are never objects.
 * Background only: the content script imports the types, never this module's values.
 */
import * as v from 'valibot';
import { DIALOG_IDS, NOTICE_IDS, PAGE_IDS, type RosterList } from '../pages/types';
import { SUBMIT_KINDS } from '../platform/anchors';
import { REPLY_MAX_CHARS, REPLY_MAX_TEXTS, SUBMIT_OUTCOMES } from '../submit-types';

const str = (max = 4096) => v.pipe(v.string(), v.maxLength(max));
const list = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max));
/** A plain object (not an array, not null) with at least these entries. */
const record = <E extends v.ObjectEntries>(entries: E) =>
  v.pipe(
    v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x)),
    v.looseObject(entries),
  );

export const PageAccountSchema = record({
  nickname: v.optional(str(100)),
  guangguangId: v.optional(str(64)),
});

/** One row of the platform's matrix-account list, as text read from the page. */
export const MatrixRowSchema = record({
  nickname: str(200),
  guangguangId: str(64),
  bindingText: str(200),
  permissionText: str(500),
});

/** What the content script tells the background about a page. */
export const PageReportSchema = record({
  url: str(),
  frame: v.picklist(['top', 'publish-frame']),
  page: v.picklist(PAGE_IDS),
  dialogs: list(v.picklist(DIALOG_IDS), 16),
  notices: list(v.picklist(NOTICE_IDS), 16),
  account: v.nullable(PageAccountSchema),
  /** Present on the matrix list page. */
  matrixRows: v.optional(list(MatrixRowSchema, 5000)),
  /** Present on the personal-info confirmation page. */
  confirmVariant: v.optional(v.picklist(['tmall', 'other'])),
  /**
   * The first report of a top document reached from a Taobao login page (its referrer): whoever was
   * logged in before may not be logged in now.
   */
  freshLogin: v.optional(v.literal(true)),
});

/** A form as the user filled it, read when a submit is held. */
export const FormSnapshotSchema = record({
  /** Dialog title, or the frame/page title. */
  title: str(500),
  /** Text of the clicked button. */
  button: str(200),
  /** Text fields, selects and rich-text boxes: their label, placeholder and current value. */
  // A 批量发布 of 50 items has some 150 fields, plus the batch's own.
  fields: list(record({ label: str(200), placeholder: str(200), value: str(20_000) }), 1000),
  /** Checked checkboxes/radios and pressed toggles, by their visible text. */
  checked: list(record({ text: str(500), disabled: v.boolean() }), 200),
  /** aria-labels of "删除…" buttons: chips of tags, products, images. */
  removable: list(str(200), 200),
  /** The container's visible text, truncated (for ids and names the platform shows as prose). */
  text: str(5000),
  /** The 逛逛号 of the list row whose action opened this dialog, if any. */
  rowId: v.optional(str(64)),
});

export const SubmitCheckRequestSchema = record({
  /** Client-generated id so the outcome can be joined to the check. */
  checkId: str(100),
  /** Which kind of submit the content script recognised (from the SUBMITS table). */
  kind: v.picklist(SUBMIT_KINDS),
  /** The form as the user filled it; the background turns it into a rule submission. */
  snapshot: FormSnapshotSchema,
  /** Where the click happened. */
  page: str(),
});

/**
 * What the platform itself showed after a submit we let through: the text of each message with the
 * `alert` role (its toasts and field errors) that appeared shortly afterwards, in order, at most 3.
 */
export const PlatformReplySchema = record({
  checkId: v.pipe(str(100), v.nonEmpty()),
  texts: v.pipe(list(str(REPLY_MAX_CHARS), REPLY_MAX_TEXTS), v.nonEmpty()),
});

export const SubmitOutcomeSchema = record({
  checkId: str(100),
  outcome: v.picklist(SUBMIT_OUTCOMES),
  /** For `continued`: the reason the user gave, if any. For `failed-open`: what went wrong. */
  detail: v.optional(str(2000)),
  /** For `failed-open`: the kind of submit that went through unchecked. */
  kind: v.optional(v.picklist(SUBMIT_KINDS)),
});

export type PageAccount = v.InferOutput<typeof PageAccountSchema>;
export type MatrixRow = v.InferOutput<typeof MatrixRowSchema>;
export type PageReport = v.InferOutput<typeof PageReportSchema>;
export type FormSnapshot = v.InferOutput<typeof FormSnapshotSchema>;
export type SubmitCheckRequest = v.InferOutput<typeof SubmitCheckRequestSchema>;
export type PlatformReply = v.InferOutput<typeof PlatformReplySchema>;
export type SubmitOutcome = v.InferOutput<typeof SubmitOutcomeSchema>;

/** Panel → background: outline the pages of this tab (utils/pages/outline.ts). */
export const OutlineRequestSchema = record({
  tabId: v.pipe(v.number(), v.integer(), v.minValue(0)),
});

const outlineList = list(str(200), 100);
/** One frame's outline, as the unlisted script entrypoints/outline.ts returns it. */
export const FrameOutlineSchema = record({
  url: str(1000),
  top: v.boolean(),
  title: str(200),
  recognised: record({
    page: v.picklist(PAGE_IDS),
    dialogs: list(v.picklist(DIALOG_IDS), 16),
    notices: list(v.picklist(NOTICE_IDS), 16),
    anchors: list(record({ page: v.picklist(PAGE_IDS), matched: outlineList, missed: outlineList }), 100),
  }),
  sections: record({
    headings: outlineList,
    labels: outlineList,
    placeholders: outlineList,
    buttons: outlineList,
    roles: outlineList,
    autolog: outlineList,
    iframes: outlineList,
  }),
  truncated: list(str(20), 10),
});

export type OutlineRequest = v.InferOutput<typeof OutlineRequestSchema>;

/**
 * 达人管理 as the unlisted script entrypoints/roster.ts returns it (utils/pages/roster.ts). Unknown
 * keys are dropped from the output (`object`), so what the background passes on is exactly a
 * `RosterList`.
 */
const rosterObject = <E extends v.ObjectEntries>(entries: E) =>
  v.pipe(
    v.custom<Record<string, unknown>>((x) => typeof x === 'object' && x !== null && !Array.isArray(x)),
    v.object(entries),
  );
const wholeNumber = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1_000_000));
/** Rows of one 达人管理 read the background accepts (= LIMITS.rosterRows; a test holds them equal). */
export const ROSTER_LIST_MAX_ROWS = 10_000;
export const RosterListSchema = rosterObject({
  institution: v.nullable(rosterObject({ name: str(200), id: v.optional(str(64)) })),
  tab: v.picklist(['bound', 'other']),
  rows: list(
    rosterObject({
      nickname: str(200),
      guangguangId: v.nullable(v.pipe(v.string(), v.regex(/^\w{4,32}$/))),
      level: v.nullable(str(100)),
    }),
    // As many as a capture takes (LIMITS.rosterRows in utils/ledger/schemas.ts): a page that shows a
    // whole roster of 5,000 creators at once is one list, not a refused message.
    ROSTER_LIST_MAX_ROWS,
  ),
  filtered: v.boolean(),
  complete: v.boolean(),
  page: wholeNumber,
  pageCount: v.nullable(wholeNumber),
}) satisfies v.GenericSchema<unknown, RosterList>;
