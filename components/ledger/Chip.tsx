import type { BindingState, PermissionScope, PermissionState } from '@/utils/ledger/types';
import { NO_BINDING, bindingLabel, permissionLabel, scopeLabel, type Bi } from './format';

/** Short scope names for the narrow list rows (the full bilingual name is in the title). */
const SHORT_SCOPE: Record<PermissionScope, string> = {
  'proxy-publish': '发布',
  'proxy-interaction': '互动',
  'product-pool': '商品池',
  'shop-card': '卡片',
};

/** A status chip: always text (never colour alone); the colour comes from `data-tone`. */
function Chip({ text, title, tone, long }: { text: Bi; title: string; tone: string; long?: boolean }) {
  return (
    <span className="lchip" data-tone={tone} title={title}>
      <span lang="zh-CN">{text.zh}</span>
      {long ? (
        <span lang="en" className="lchip-en">
          {text.en}
        </span>
      ) : null}
    </span>
  );
}

const BINDING_TONE: Record<BindingState | 'none', string> = {
  none: 'muted',
  draft: 'muted',
  pending: 'wait',
  accepted: 'ok',
  declined: 'bad',
  expired: 'bad',
  cancelled: 'muted',
  unbound: 'muted',
};

const PERMISSION_TONE: Record<PermissionState, string> = {
  requested: 'wait',
  granted: 'ok',
  declined: 'bad',
  revoked: 'muted',
};

export function BindingChip({ state, long }: { state: BindingState | null; long?: boolean }) {
  const text = state ? bindingLabel(state) : NO_BINDING;
  return (
    <Chip
      text={text}
      tone={BINDING_TONE[state ?? 'none']}
      title={`绑定 binding: ${text.zh} · ${text.en}`}
      long={long}
    />
  );
}

export function PermissionChip({
  scope,
  state,
  long,
}: {
  scope: PermissionScope;
  state: PermissionState;
  long?: boolean;
}) {
  const s = scopeLabel(scope);
  const p = permissionLabel(state);
  const text = long ? p : { zh: `${SHORT_SCOPE[scope]} ${p.zh}`, en: `${s.en}: ${p.en}` };
  return (
    <Chip
      text={text}
      tone={PERMISSION_TONE[state]}
      title={`${s.zh} ${p.zh} · ${s.en}: ${p.en}`}
      long={long}
    />
  );
}
