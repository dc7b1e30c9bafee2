/**
 * Turn a form snapshot into the rule catalogue's submission. Runs in the background, so the
 * platform knowledge here (which label is which field) costs the page nothing. Pure; what is
 * missing stays empty or undefined (the rules treat that as "the page did not say"), never throws.
 */
import type { Submission } from '../rules';
import type { FormSnapshot } from './snapshot';
import { FIELDS, type FieldId, type FieldSignature, type SubmitSignature } from './table';
import { normaliseText, sameText, textIncludes } from './text';

const DECLARATIONS = [
  '内容无需标注',
  '含AI生成内容',
  '含虚构演绎内容',
  '内容为转载',
  '个人观点',
  '内容含营销信息',
];
const SCOPES = [
  ['代理发布', 'proxy-publish'],
  ['代理互动', 'proxy-interaction'],
  ['商品池', 'product-pool'],
  ['店铺卡片', 'shop-card'],
] as const;

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

/** A value that reads as a date and time (`2025/06/01 14:30`, `2025-06-01T14:30`, `2025年6月1日 …`). */
const LOOKS_LIKE_DATE_TIME =
  /^\s*\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*[日号]?\s*(T|\s)?\s*\d{1,2}\s*[:：时点]/;

/**
 * The 定时发布 time: the field the table names, else (a date picker the table does not know) the one
 * field whose value reads as a date and time. '' when there is none: the rules then say they could
 * not read it, which only warns.
 */
function scheduleValue(s: FormSnapshot): string {
  const known = findField(s, 'scheduleAt');
  if (known) return known.value;
  const dated = s.fields.filter((f) => LOOKS_LIKE_DATE_TIME.test(f.value.normalize('NFKC')));
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
function chips(s: FormSnapshot, ...kinds: string[]): string[] {
  const out: string[] = [];
  for (const raw of s.removable) {
    const r = raw
      .normalize('NFKC')
      .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
      .trim();
    if (!normaliseText(r).startsWith('删除')) continue;
    for (const k of kinds) {
      const m = new RegExp(`^删\\s*除\\s*${k.split('').join('\\s*')}\\s*:?\\s*(.*)$`).exec(r);
      if (m) {
        out.push(m[1]!.trim());
        break;
      }
    }
  }
  return out;
}

function idIn(text: string): string | undefined {
  return /逛逛号\s*:?\s*([0-9A-Za-z_]{4,32})/.exec(text.normalize('NFKC'))?.[1];
}

/**
 * The platform lists a matrix account in 发布账号 as "（矩阵账号·代理发布）" only when its proxy-publish
 * permission is granted: that is evidence from the page, fresher than the ledger. The nickname, or null.
 */
export function proxyPublishOffered(s: FormSnapshot): string | null {
  const account = field(s, 'publishAccount');
  return /代理发布/.test(account) ? account.replace(/[（(].*$/, '').trim() || null : null;
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
      const store = /店铺名称\s*[:：]?\s*[「"“]?\s*([^」"”\s]+)/.exec(s.text)?.[1];
      return {
        kind,
        identity: textIncludes(s.text, '天猫') ? 'tmall-merchant' : 'taobao-merchant',
        nickname: field(s, 'nickname').trim(),
        ...(store ? { storeName: store } : {}),
      };
    }
    case 'proxy-publish-video':
    case 'proxy-publish-image': {
      const checked = s.checked.map((c) => c.text);
      const scheduled = textIncludes(s.button, '定时') || checked.some((c) => textIncludes(c, '定时发布'));
      const declaration = checked.find((c) => DECLARATIONS.some((d) => textIncludes(c, d)));
      const account = field(s, 'publishAccount');
      // "小林的穿搭日记（矩阵账号·代理发布）": publishing as a matrix account, by nickname; the
      // background resolves it to a 逛逛号 from the ledger.
      const acting = /矩阵账号|代理/.test(account) ? account.replace(/[（(].*$/, '').trim() : undefined;
      const images = chips(s, '图片').length;
      const base = {
        title: field(s, 'title'),
        description: field(s, 'description'),
        tags: chips(s, '内容标签', '标签'),
        products: chips(s, '商品'),
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
