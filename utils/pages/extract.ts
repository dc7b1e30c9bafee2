/**
 * Turn a form snapshot into the rule catalogue's submission. Runs in the background, so the
 * platform knowledge here (which label is which field) costs the page nothing. Pure; what is
 * missing stays empty or undefined (the rules treat that as "the page did not say"), never throws.
 */
import type { Submission } from '../rules';
import type { FormSnapshot } from './snapshot';
import { FIELDS, type FieldId, type SubmitSignature } from './table';

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

function field(s: FormSnapshot, id: FieldId): string {
  const sig = FIELDS[id];
  const f =
    s.fields.find((x) => x.placeholder && (sig.placeholders as readonly string[]).includes(x.placeholder)) ??
    s.fields.find((x) => (sig.labels as readonly string[]).includes(x.label.replace(/[:：*＊\s]+$/, '')));
  return f?.value ?? '';
}

/** "删除内容标签 穿搭" → "穿搭", for any of the names the platform gives that kind of chip. */
function chips(s: FormSnapshot, ...kinds: string[]): string[] {
  const out: string[] = [];
  for (const r of s.removable) {
    const kind = kinds.find((k) => r.startsWith(`删除${k}`));
    if (kind) out.push(r.slice(2 + kind.length).trim());
  }
  return out;
}

function idIn(text: string): string | undefined {
  return /逛逛号\s*[:：]?\s*([0-9A-Za-z_]{4,32})/.exec(text)?.[1];
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
    case 'matrix-invite':
      return { kind, guangguangId: field(s, 'inviteGuangguangId').trim(), phone: field(s, 'invitePhone') };
    case 'permission-request': {
      // Checked and disabled = already granted or pending: not part of this request.
      const asked = s.checked.filter((c) => !c.disabled).map((c) => c.text);
      const scopes = SCOPES.filter(([w]) => asked.some((t) => t.includes(w))).map(([, scope]) => scope);
      return { kind, guangguangId: idIn(s.text) ?? s.rowId ?? '', scopes };
    }
    case 'unbind':
      return { kind, guangguangId: idIn(s.text) ?? s.rowId ?? '', by: 'main' };
    case 'nickname-confirm': {
      const store = /店铺名称\s*[「"“]?\s*([^」"”\s]+)/.exec(s.text)?.[1];
      return {
        kind,
        identity: s.text.includes('天猫') ? 'tmall-merchant' : 'taobao-merchant',
        nickname: field(s, 'nickname').trim(),
        ...(store ? { storeName: store } : {}),
      };
    }
    case 'proxy-publish-video':
    case 'proxy-publish-image': {
      const checked = s.checked.map((c) => c.text);
      const scheduled = s.button.includes('定时') || checked.some((c) => c.includes('定时发布'));
      const declaration = checked.find((c) => DECLARATIONS.some((d) => c.includes(d)));
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
        schedule: scheduled
          ? { mode: 'scheduled' as const, at: field(s, 'scheduleAt') }
          : { mode: 'now' as const },
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
