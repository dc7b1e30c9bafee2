/**
 * Turn a form snapshot into the rule catalogue's submission. Runs in the background, so the
 * platform knowledge here (which label is which field) costs the page nothing. Pure; what is
 * missing stays empty or undefined (the rules treat that as "the page did not say"), never throws.
 */
import type { Submission } from '../rules';
import type { FormSnapshot } from './snapshot';
import {
  ACCOUNT_NOTE,
  ACTING_AS_MARK,
  CHIP_KINDS,
  CREATOR_IN_CONFIRM,
  DATE_TIME_VALUE,
  FIELDS,
  GUANGGUANG_ID_IN_TEXT,
  PROXY_PUBLISH_MARK,
  REMOVE_WORD,
  SCHEDULE_BUTTON_WORD,
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
      };
      if (kind === 'proxy-publish-video') return { kind, ...base };
      // No image chips found means "the page did not say", never 0: a selector that misses on a
      // redesigned page must not block every image post.
      return { kind, ...base, ...(images > 0 ? { images } : {}) };
    }
  }
}
