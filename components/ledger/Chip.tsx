import '@/utils/i18n/ledger';
import type { BindingState, PermissionScope, PermissionState } from '@/utils/ledger/types';
import { useI18n } from '../hooks/useI18n';

/** A status chip: always text (never colour alone); the colour comes from `data-tone`. */
function Chip({ text, title, tone }: { text: string; title: string; tone: string }) {
  return (
    <span className="lchip" data-tone={tone} title={title}>
      {text}
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

export function BindingChip({ state }: { state: BindingState | null; long?: boolean }) {
  const { t } = useI18n();
  const text = t(`binding.${state ?? 'none'}`);
  return <Chip text={text} tone={BINDING_TONE[state ?? 'none']} title={t('chip.binding', { state: text })} />;
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
  const { t } = useI18n();
  const p = t(`permission.${state}`);
  const text = long ? p : t('chip.permissionShort', { scope: t(`scopeShort.${scope}`), state: p });
  return (
    <Chip
      text={text}
      tone={PERMISSION_TONE[state]}
      title={t('chip.permission', { scope: t(`scope.${scope}`), state: p })}
    />
  );
}
