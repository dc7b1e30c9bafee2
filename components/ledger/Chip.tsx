import '@/utils/i18n/ledger';
import {
  confirmationOf,
  type BindingState,
  type PermissionScope,
  type PermissionState,
  type UnconfirmedMark,
} from '@/utils/ledger/types';
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

/** Shown beside a pending invite recorded from its submit alone, until a matrix list confirms it. */
export function UnconfirmedChip({ mark }: { mark: UnconfirmedMark | undefined }) {
  const { t } = useI18n();
  const c = confirmationOf(mark);
  if (c === 'confirmed') return null;
  return c === 'missing' ? (
    <Chip text={t('confirm.missing')} tone="bad" title={t('confirm.missingTitle')} />
  ) : (
    <Chip text={t('confirm.submitted')} tone="wait" title={t('confirm.submittedTitle')} />
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
