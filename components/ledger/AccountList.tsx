import '@/utils/i18n/ledger';
import { useI18n } from '../hooks/useI18n';
import { useDeferredValue, useId, useMemo, useState, type MutableRefObject } from 'react';
import { Msg } from '../Msg';
import type { AccountView } from '@/utils/ledger/queries';
import {
  BINDING_STATES,
  confirmationOf,
  PERMISSION_SCOPES,
  PERMISSION_STATES,
  type BindingState,
  type PermissionScope,
  type PermissionState,
} from '@/utils/ledger/types';
import { BindingChip, PermissionChip, UnconfirmedChip } from './Chip';
import { bindingLabel, permissionLabel, scopeLabel, NO_BINDING } from './format';
import { VirtualList } from './VirtualList';
import { Field } from './Field';

export const ROW_HEIGHT = 58;

export interface ListFilter {
  search: string;
  binding: BindingState | 'none' | '';
  permission: PermissionState | '';
  scope: PermissionScope | '';
}

export const EMPTY_FILTER: ListFilter = { search: '', binding: '', permission: '', scope: '' };

/** Same semantics as `listAccounts`' filter, applied in memory so typing stays instant at 1,000 rows. */
export function applyFilter(views: readonly AccountView[], f: ListFilter): AccountView[] {
  const q = f.search.trim().toLowerCase();
  return views.filter((v) => {
    if (
      q &&
      !v.account.nickname.toLowerCase().includes(q) &&
      !v.account.guangguangId.toLowerCase().includes(q)
    )
      return false;
    if (f.binding && (v.binding?.state ?? 'none') !== f.binding) return false;
    if (f.permission || f.scope) {
      const perms = f.scope ? [v.permissions[f.scope]] : Object.values(v.permissions);
      if (!perms.some((p) => p && (!f.permission || p.state === f.permission))) return false;
    }
    return true;
  });
}

function Row({ view }: { view: AccountView }) {
  const { t } = useI18n();
  const { account, binding, permissions } = view;
  return (
    <>
      <span className="row-line">
        <span className="row-name">{account.nickname || t('row.noNickname')}</span>
        <span className="row-gg">{t('row.gg', { id: account.guangguangId })}</span>
      </span>
      <span className="row-chips">
        <BindingChip state={binding?.state ?? null} />
        <UnconfirmedChip mark={binding?.unconfirmed} />
        {PERMISSION_SCOPES.map((s) => {
          const p = permissions[s];
          return p ? <PermissionChip key={s} scope={s} state={p.state} /> : null;
        })}
      </span>
    </>
  );
}

export function AccountList({
  views,
  total,
  complete,
  filter,
  onFilter,
  onOpen,
  memory,
}: {
  /** Matrix accounts of the workspace, in the list's order: all of them, or the first ones (`complete` false). */
  views: readonly AccountView[];
  /** How many matrix accounts the workspace has. */
  total: number;
  /** `views` holds every matrix account (search and filters need them all). */
  complete: boolean;
  filter: ListFilter;
  onFilter: (f: ListFilter) => void;
  onOpen: (accountId: string) => void;
  memory: MutableRefObject<{ scrollTop: number; activeKey: string | null }>;
}) {
  const { t, p } = useI18n();
  const id = useId();
  const deferred = useDeferredValue(filter);
  const shown = useMemo(() => applyFilter(views, deferred), [views, deferred]);
  const filtered =
    filter.search !== '' || filter.binding !== '' || filter.permission !== '' || filter.scope !== '';
  const [showFilters, setShowFilters] = useState(
    filter.binding !== '' || filter.permission !== '' || filter.scope !== '',
  );

  return (
    <section className="card laccounts" aria-labelledby={`${id}-h`} data-testid="account-list">
      <h2 id={`${id}-h`}>
        <Msg k="list.title" />
      </h2>
      <div className="lsearch">
        <Field htmlFor={`${id}-q`} label={<Msg k="list.search" />}>
          <input
            id={`${id}-q`}
            type="search"
            value={filter.search}
            onChange={(e) => onFilter({ ...filter, search: e.target.value })}
            data-testid="account-search"
            autoComplete="off"
          />
        </Field>
        <button
          type="button"
          className="link"
          aria-expanded={showFilters}
          aria-controls={`${id}-filters`}
          onClick={() => setShowFilters((s) => !s)}
        >
          <Msg k="list.filters" />
        </button>
      </div>
      <div id={`${id}-filters`} className="lfilters" hidden={!showFilters}>
        <Field htmlFor={`${id}-b`} label={<Msg k="list.bindingState" />}>
          <select
            id={`${id}-b`}
            value={filter.binding}
            onChange={(e) => onFilter({ ...filter, binding: e.target.value as ListFilter['binding'] })}
            data-testid="filter-binding"
          >
            <option value="">{t('filter.all')}</option>
            <option value="none">{p(NO_BINDING)}</option>
            {BINDING_STATES.map((s) => (
              <option key={s} value={s}>
                {p(bindingLabel(s))}
              </option>
            ))}
          </select>
        </Field>
        <Field htmlFor={`${id}-p`} label={<Msg k="list.permissionState" />}>
          <select
            id={`${id}-p`}
            value={filter.permission}
            onChange={(e) => onFilter({ ...filter, permission: e.target.value as ListFilter['permission'] })}
            data-testid="filter-permission"
          >
            <option value="">{t('filter.all')}</option>
            {PERMISSION_STATES.map((s) => (
              <option key={s} value={s}>
                {p(permissionLabel(s))}
              </option>
            ))}
          </select>
        </Field>
        <Field htmlFor={`${id}-s`} label={<Msg k="list.scope" />}>
          <select
            id={`${id}-s`}
            value={filter.scope}
            onChange={(e) => onFilter({ ...filter, scope: e.target.value as ListFilter['scope'] })}
            data-testid="filter-scope"
          >
            <option value="">{t('filter.any')}</option>
            {PERMISSION_SCOPES.map((s) => (
              <option key={s} value={s}>
                {p(scopeLabel(s))}
              </option>
            ))}
          </select>
        </Field>
        {filtered ? (
          <button type="button" onClick={() => onFilter(EMPTY_FILTER)}>
            <Msg k="list.clear" />
          </button>
        ) : null}
      </div>
      <p className="lcount" aria-live="polite" data-testid="account-count">
        {filtered
          ? complete
            ? t('list.countFiltered', { shown: shown.length, total })
            : t('ledger.loadingAccounts')
          : t('list.count', { total })}
      </p>
      {filtered && !complete ? null : shown.length ? (
        <VirtualList
          items={shown}
          rowHeight={ROW_HEIGHT}
          getKey={(v) => v.account.id}
          renderRow={(v) => <Row view={v} />}
          rowAttrs={(v) => ({
            'data-testid': 'account-row',
            'data-gg': v.account.guangguangId,
            'data-state': v.binding?.state ?? 'none',
            'data-confirmation': confirmationOf(v.binding?.unconfirmed),
          })}
          onOpen={(v) => onOpen(v.account.id)}
          label={t('list.listbox')}
          testId="account-listbox"
          memory={memory}
        />
      ) : filtered ? (
        <p className="lempty" data-testid="account-none-match">
          <Msg k="list.noMatch" />
        </p>
      ) : null}
    </section>
  );
}
