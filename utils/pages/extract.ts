/**
 * Turn a form snapshot into the rule catalogue's submission. Runs in the background, so the
 * platform knowledge here (which label is which field) costs the page nothing. Pure; what is
 * missing stays empty or undefined (the rules treat that as "the page did not say"), never throws.
 */
import type { BatchItem, BatchPublishSubmission, Submission } from '../rules';
import type { FormSnapshot } from './snapshot';
import {
  ACCOUNT_NOTE,
  ACTING_AS_MARK,
  BATCH_SCENE,
  CREATOR_PARAM,
  CHIP_KINDS,
  CREATOR_IN_CONFIRM,
  DATE_TIME_VALUE,
  FIELDS,
  GUANGGUANG_ID_IN_TEXT,
  PROXY_PUBLISH_MARK,
  REMOVE_WORD,
  SCHEDULE_BUTTON_WORD,
  SCENE_PARAM,
  SCHEDULE_CHOICE,
  STORE_NAME_LINE,
  TMALL_WORD,
  type FieldId,
  type FieldSignature,
  type SubmitSignature,
} from '../platform/anchors';
import { DECLARATIONS } from '../platform/declarations';
import { SCOPE_TERMS } from '../platform/terms';
import { normaliseText, sameText, textIncludes } from './text';

/** 创作者声明 as a checked option shows it: its label, or the part of it the page may keep. */
const DECLARATION_WORDS = DECLARATIONS.map((d) => d.word ?? d.label.zh);
const SCOPES = Object.entries(SCOPE_TERMS).map(
  ([scope, t]) => [t.zh, scope as keyof typeof SCOPE_TERMS] as const,
);

type Field = FormSnapshot['fields'][number];

/**
 * The snapshot field the table names `id`: by exact placeholder, else by exact label, else (markup
 * never seen) by a label or placeholder holding one of its words. All compared after `normaliseText`.
 */
function findField(s: FormSnapshot, id: FieldId): Field | undefined {
  const sig: FieldSignature = FIELDS[id];
  const byWords = (t: string) =>
    (sig.words ?? []).some((w) => textIncludes(t, w)) && !(sig.unless ?? []).some((w) => textIncludes(t, w));
  return (
    s.fields.find((x) => sig.placeholders.some((p) => sameText(x.placeholder, p))) ??
    s.fields.find((x) => sig.labels.some((l) => sameText(x.label, l))) ??
    s.fields.find((x) => byWords(x.label) || (!normaliseText(x.label) && byWords(x.placeholder)))
  );
}

/** Whether a field is the one the table names `id`, by its exact placeholder or label only. */
function isField(f: Field, id: FieldId): boolean {
  const sig: FieldSignature = FIELDS[id];
  return (
    sig.placeholders.some((p) => sameText(f.placeholder, p)) || sig.labels.some((l) => sameText(f.label, l))
  );
}

function field(s: FormSnapshot, id: FieldId): string {
  return findField(s, id)?.value ?? '';
}

/** Zero-width characters: a rich-text editor's spacers beside its void tokens, never the user's text. */
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * 描述 / 正文 as the platform counts it: the editor's text with its #tag tokens, without the zero-width
 * spacers; non-breaking spaces (pasted HTML) as spaces; trailing white space after the last token cut.
 */
function descriptionText(s: FormSnapshot): string {
  return field(s, 'description')
    .replace(ZERO_WIDTH, '')
    .replace(/\u00A0/g, ' ')
    .trimEnd();
}

/**
 * The 定时发布 time: the field the table names, else (a date picker the table does not know) the one
 * field whose value reads as a date and time. '' when there is none: the rules then say they could
 * not read it, which only warns.
 */
function scheduleValue(s: FormSnapshot): string {
  const known = findField(s, 'scheduleAt');
  if (known) return known.value;
  const dated = s.fields.filter((f) => DATE_TIME_VALUE.test(f.value.normalize('NFKC')));
  return dated.length === 1 ? dated[0]!.value : '';
}

/**
 * The invite's two inputs. What the table does not find by label or placeholder (markup never seen)
 * is taken by the platform's order (逛逛号, then 手机号) when that leaves no doubt: the two text
 * fields of the dialog, or the one field left beside the one found. Otherwise it stays unfound.
 */
function inviteFields(s: FormSnapshot): { gid?: Field; phone?: Field } {
  const gid = findField(s, 'inviteGuangguangId');
  const phone = findField(s, 'invitePhone');
  const rest = s.fields.filter((f) => f !== gid && f !== phone);
  if (!gid && !phone && rest.length === 2) return { gid: rest[0], phone: rest[1] };
  if (gid && !phone && rest.length === 1) return { gid, phone: rest[0] };
  if (!gid && phone && rest.length === 1) return { gid: rest[0], phone };
  return { ...(gid ? { gid } : {}), ...(phone ? { phone } : {}) };
}

/**
 * The fields a submit of this kind needs that the snapshot does not show at all (as opposed to shows
 * empty). What the assistant cannot read never blocks: the background answers `failOpen` and the
 * content script lets such a submit go on
 * unchecked and the panel says why, rather than the rules calling a field it never saw "empty".
 */
export function unreadableFields(kind: SubmitSignature['kind'], s: FormSnapshot): FieldId[] {
  if (kind !== 'matrix-invite') return [];
  const f = inviteFields(s);
  return [...(f.gid ? [] : ['inviteGuangguangId' as const]), ...(f.phone ? [] : ['invitePhone' as const])];
}

/** "删除内容标签 穿搭" → "穿搭", for any of the names the platform gives that kind of chip. */
function chips(s: FormSnapshot, kinds: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of s.removable) {
    const r = raw.normalize('NFKC').replace(ZERO_WIDTH, '').trim();
    if (!normaliseText(r).startsWith(REMOVE_WORD)) continue;
    // Spaces may fall between any two characters (`删 除内容标签`): the words come from the table.
    const spaced = (w: string) => w.split('').join('\\s*');
    for (const k of kinds) {
      const m = new RegExp(`^${spaced(REMOVE_WORD)}\\s*${spaced(k)}\\s*:?\\s*(.*)$`).exec(r);
      if (m) {
        out.push(m[1]!.trim());
        break;
      }
    }
  }
  return out;
}

function idIn(text: string): string | undefined {
  return GUANGGUANG_ID_IN_TEXT.exec(text.normalize('NFKC'))?.[1];
}

/**
 * The platform lists a matrix account in 发布账号 as "（矩阵账号·代理发布）" only when its proxy-publish
 * permission is granted: that is evidence from the page, fresher than the ledger. The nickname, or null.
 */
export function proxyPublishOffered(s: FormSnapshot): string | null {
  const account = field(s, 'publishAccount');
  return PROXY_PUBLISH_MARK.test(account) ? account.replace(ACCOUNT_NOTE, '').trim() || null : null;
}

/**
 * A 解绑 confirmed on the institution platform's 达人管理 is an institution unbinding one of its
 * creators, not a matrix-account unbind: the creator as the row shows them (逛逛号) and the dialog
 * names them (「nickname」).
 */
export function rosterUnbindFromSnapshot(s: FormSnapshot): Submission {
  return {
    kind: 'roster-unbind',
    guangguangId: idIn(s.text) ?? s.rowId ?? '',
    nickname: CREATOR_IN_CONFIRM.exec(s.text)?.[1]?.trim() ?? '',
  };
}

/**
 * The creator a publish form on the institution platform says it publishes as: its 发布账号 when that
 * shows a 逛逛号 (`昵称（逛逛号：ID）`). Undefined elsewhere (a shop's own account, a matrix account).
 */
function creatorOf(s: FormSnapshot): { guangguangId: string; nickname: string } | undefined {
  const account = field(s, 'publishAccount');
  const id = idIn(account);
  return id ? { guangguangId: id, nickname: account.replace(ACCOUNT_NOTE, '').trim() } : undefined;
}

/**
 * The 逛逛号 of the 达人管理 row a publish page on the institution platform was opened for (its 发布
 * puts it in the page's address), or undefined.
 */
export function openedForOf(topUrl: string | undefined): string | undefined {
  try {
    return new URL(topUrl ?? '').searchParams.get(CREATOR_PARAM)?.trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A held 发布 in the 发布器 frame is a 批量发布 when the frame's address names the batch scene, or the
 * form holds more than one title: each title field starts an item.
 */
export function isBatchPublish(frameUrl: string, s: FormSnapshot): boolean {
  let scene = '';
  try {
    scene = new URL(frameUrl).searchParams.get(SCENE_PARAM) ?? '';
  } catch {
    // not a URL: decided by the form alone
  }
  return scene === BATCH_SCENE || s.fields.filter((f) => isField(f, 'title')).length > 1;
}

/**
 * A 批量发布's items, in the page's order: each title field starts an item, the description and time
 * fields after it (before the next title) are that item's; an empty time is 立即发布. Fields before the
 * first title belong to the whole batch (its 发布账号). Never throws; an unreadable form gives no items.
 */
export function batchFromSnapshot(s: FormSnapshot): BatchPublishSubmission {
  const items: BatchItem[] = [];
  let cur: BatchItem | undefined;
  for (const f of s.fields) {
    if (isField(f, 'title')) {
      cur = { title: f.value, description: '', schedule: { mode: 'now' }, name: f.value.trim() };
      items.push(cur);
    } else if (cur && isField(f, 'description'))
      cur.description = f.value
        .replace(ZERO_WIDTH, '')
        .replace(/\u00A0/g, ' ')
        .trimEnd();
    else if (cur && isField(f, 'scheduleAt'))
      cur.schedule = f.value.trim() ? { mode: 'scheduled', at: f.value } : { mode: 'now' };
  }
  const checked = s.checked.map((c) => c.text);
  const declaration = checked.find((c) => DECLARATION_WORDS.some((d) => textIncludes(c, d)));
  const creator = creatorOf(s);
  return {
    kind: 'batch-publish',
    items,
    ...(declaration ? { declaration } : {}),
    ...(creator ? { creator } : {}),
  };
}

export function submissionFromSnapshot(kind: SubmitSignature['kind'], s: FormSnapshot): Submission {
  switch (kind) {
    case 'matrix-invite': {
      const f = inviteFields(s);
      return { kind, guangguangId: (f.gid?.value ?? '').trim(), phone: f.phone?.value ?? '' };
    }
    case 'permission-request': {
      // Checked and disabled = already granted or pending: not part of this request.
      const asked = s.checked.filter((c) => !c.disabled).map((c) => c.text);
      const scopes = SCOPES.filter(([w]) => asked.some((t) => textIncludes(t, w))).map(([, scope]) => scope);
      return { kind, guangguangId: idIn(s.text) ?? s.rowId ?? '', scopes };
    }
    case 'unbind':
      return { kind, guangguangId: idIn(s.text) ?? s.rowId ?? '', by: 'main' };
    case 'nickname-confirm': {
      const store = STORE_NAME_LINE.exec(s.text)?.[1];
      return {
        kind,
        identity: textIncludes(s.text, TMALL_WORD) ? 'tmall-merchant' : 'taobao-merchant',
        nickname: field(s, 'nickname').trim(),
        ...(store ? { storeName: store } : {}),
      };
    }
    case 'proxy-publish-video':
    case 'proxy-publish-image': {
      const checked = s.checked.map((c) => c.text);
      const scheduled =
        textIncludes(s.button, SCHEDULE_BUTTON_WORD) || checked.some((c) => textIncludes(c, SCHEDULE_CHOICE));
      const declaration = checked.find((c) => DECLARATION_WORDS.some((d) => textIncludes(c, d)));
      const account = field(s, 'publishAccount');
      // "小林的穿搭日记（矩阵账号·代理发布）": publishing as a matrix account, by nickname; the
      // background resolves it to a 逛逛号 from the ledger.
      const acting = ACTING_AS_MARK.test(account) ? account.replace(ACCOUNT_NOTE, '').trim() : undefined;
      const images = chips(s, CHIP_KINDS.images).length;
      const creator = creatorOf(s);
      const base = {
        title: field(s, 'title'),
        description: descriptionText(s),
        tags: chips(s, CHIP_KINDS.tags),
        products: chips(s, CHIP_KINDS.products),
        shops: chips(s, CHIP_KINDS.shops),
        topics: chips(s, CHIP_KINDS.topics),
        schedule: scheduled ? { mode: 'scheduled' as const, at: scheduleValue(s) } : { mode: 'now' as const },
        ...(declaration ? { declaration } : {}),
        ...(acting ? { actingAs: acting } : {}),
        ...(creator ? { creator } : {}),
      };
      if (kind === 'proxy-publish-video') return { kind, ...base };
      // No image chips found means "the page did not say", never 0: a selector that misses on a
      // redesigned page must not block every image post.
      return { kind, ...base, ...(images > 0 ? { images } : {}) };
    }
  }
}
