/**
 * Read a submission out of the page when a held submit button is clicked. Pure over the DOM:
 * what is missing is left empty (the rules treat empty as missing), nothing here throws on odd markup.
 */
import type { Submission } from '../rules';
import { clean, dialogTitle, fieldValue, findField } from './recognise';
import type { SubmitSignature } from './table';

function checkedLabels(root: ParentNode): string[] {
  const out: string[] = [];
  for (const box of root.querySelectorAll(
    'input[type="checkbox"],input[type="radio"],[role="checkbox"],[role="radio"]',
  )) {
    const on = (box as HTMLInputElement).checked === true || box.getAttribute('aria-checked') === 'true';
    if (!on) continue;
    const label = box.closest('label') ?? box.parentElement;
    out.push(clean(label?.textContent));
  }
  return out;
}

/** The 逛逛号 a matrix-row dialog is about: the dialog says it, or the row that opened it did. */
function dialogGuangguangId(dialog: Element, fallback: string | undefined): string {
  const m = /逛逛号\s*[:：]?\s*(\d{5,})/.exec(clean(dialog.textContent));
  return m?.[1] ?? fallback ?? '';
}

const SCOPE_WORDS: readonly [string, 'proxy-publish' | 'proxy-interaction' | 'product-pool' | 'shop-card'][] =
  [
    ['代理发布', 'proxy-publish'],
    ['代理互动', 'proxy-interaction'],
    ['商品池', 'product-pool'],
    ['店铺卡片', 'shop-card'],
  ];

function tagsIn(root: ParentNode): string[] {
  const out: string[] = [];
  for (const el of root.querySelectorAll(
    '[data-role="tag"],[role="listitem"][aria-label^="标签"],[class*="tag-chip"]',
  ))
    out.push(clean(el.textContent).replace(/[×✕]$/, '').trim());
  return out.filter(Boolean);
}

function productsIn(root: ParentNode): string[] {
  const out: string[] = [];
  for (const el of root.querySelectorAll('[data-item-id],[data-product-id]'))
    out.push(el.getAttribute('data-item-id') ?? el.getAttribute('data-product-id') ?? '');
  return out;
}

export interface ExtractContext {
  /** The dialog or document the button sits in. */
  root: ParentNode;
  /** For row dialogs: the 逛逛号 of the row whose action opened the dialog. */
  rowGuangguangId?: string;
  /** For the publish frame: the selected 发布账号, if shown. */
  doc: Document;
}

export function extractSubmission(
  kind: SubmitSignature['kind'],
  x: ExtractContext,
  clicked: string,
): Submission {
  const { root } = x;
  switch (kind) {
    case 'matrix-invite':
      return {
        kind,
        guangguangId: clean(fieldValue(findField(root, 'inviteGuangguangId'))),
        phone: fieldValue(findField(root, 'invitePhone')),
      };
    case 'permission-request': {
      const checked = checkedLabels(root);
      const scopes = SCOPE_WORDS.filter(([w]) => checked.some((c) => c.includes(w))).map(([, s]) => s);
      return { kind, guangguangId: dialogGuangguangId(root as Element, x.rowGuangguangId), scopes };
    }
    case 'unbind':
      return { kind, guangguangId: dialogGuangguangId(root as Element, x.rowGuangguangId), by: 'main' };
    case 'nickname-confirm': {
      const text = clean(x.doc.body?.textContent);
      const store = /店铺名称\s*[:：]\s*(\S+)/.exec(text)?.[1];
      return {
        kind,
        identity: text.includes('天猫') ? 'tmall-merchant' : 'taobao-merchant',
        nickname: clean(fieldValue(findField(root, 'nickname'))),
        ...(store ? { storeName: store } : {}),
      };
    }
    case 'proxy-publish-video':
    case 'proxy-publish-image': {
      const checked = checkedLabels(root);
      const scheduled = clicked.includes('定时') || checked.some((c) => c.includes('定时发布'));
      const acting = /发布账号\s*[:：]?\s*.*?逛逛号\s*[:：]?\s*(\d{5,})/.exec(
        clean(x.doc.body?.textContent),
      )?.[1];
      const declaration = checked.find((c) =>
        ['内容无需标注', '含AI生成内容', '含虚构演绎内容', '内容为转载', '个人观点', '内容含营销信息'].some(
          (d) => c.includes(d),
        ),
      );
      const base = {
        title: fieldValue(findField(root, 'title')),
        description: fieldValue(findField(root, 'description')),
        tags: tagsIn(root),
        products: productsIn(root),
        schedule: scheduled
          ? { mode: 'scheduled' as const, at: fieldValue(findField(root, 'scheduleAt')) }
          : { mode: 'now' as const },
        ...(declaration ? { declaration } : {}),
        ...(acting ? { actingAs: acting } : {}),
      };
      if (kind === 'proxy-publish-video') return { kind, ...base };
      // No image list found means "the page did not say" (undefined), never 0: a selector that misses
      // on a redesigned page must not block every image post.
      const images = root.querySelectorAll('[data-role="image"]').length;
      return { kind, ...base, ...(images > 0 ? { images } : {}) };
    }
  }
}

export { dialogTitle };
