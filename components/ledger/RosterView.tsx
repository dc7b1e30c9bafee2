/**
 * The 台账 tab for an institution (机构) workspace: the roster of bound creators captured from
 * 达人管理 (utils/ledger/roster.ts), with counts by state, search, sort by last seen, and a creator's
 * timeline and recent checks (CreatorChecks). A creator flagged missing (absent from a complete
 * 已绑定 list) is confirmed gone or restored here, by the user: the assistant never deletes anyone. Reads with liveQuery; writes through
 * `ledger:command`.
 *
 * Reads (issue 12): the counts are index counts (`getRosterCounts`); sorted by last seen and not
 * searched, the list is an indexed slice (`getRosterSlice`) of the first `FIRST_SLICE` rows, twice as
 * many each time the list is scrolled to the end of what is read. A search or the nickname sort
 * (Chinese collation, which no index has) reads the roster once per change (`getRoster`).
 */
import '@/utils/i18n/ledger';
import { useCallback, useId, useMemo, useState } from 'react';
import { both } from '@/utils/i18n';
import {
  getMemberTimeline,
  getRoster,
  getRosterCounts,
  getRosterSlice,
  type InstitutionSummary,
  type RosterFilter,
} from '@/utils/ledger/tab-queries';
import type { MemberEventRow, MemberRow, MemberStatus } from '@/utils/ledger/types';
import { useI18n } from '../hooks/useI18n';
import { Msg } from '../Msg';
import { useCommand } from './command';
import { ledgerDb } from './db';
import { localTime } from './format';
import { useLiveQuery } from './hooks';
import { StatusLine } from './Status';
import { VirtualList } from './VirtualList';
import { RosterTools } from './RosterTools';
import { CreatorChecks } from './CreatorChecks';
import { ROSTER_CSV_KEY_PREFIX } from '@/utils/ledger/roster-csv';

const ROW_HEIGHT = 52;
/** Rows of the first slice: a tall panel's screenful (≈ 15 rows of 52 px) and the list's overscan, twice over. */
export const FIRST_SLICE = 50;
type Sort = NonNullable<RosterFilter['sort']>;
const SORTS: readonly Sort[] = ['lastSeen-desc', 'lastSeen-asc', 'nickname'];
const STATUSES: readonly MemberStatus[] = ['listed', 'missing', 'gone'];

export function RosterView({ summary }: { summary: InstitutionSummary }) {
  const id = useId();
  const { t } = useI18n();
  const wsId = summary.institution.id;
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>('lastSeen-desc');
  const [status, setStatus] = useState<MemberStatus | ''>('');
  const [openId, setOpenId] = useState<string | null>(null);
  const filter = useMemo<RosterFilter>(
    () => ({ search, sort, ...(status ? { statuses: [status] } : {}) }),
    [search, sort, status],
  );
  // The slice's length, for this filter only (a new filter starts again from the first slice).
  const [slice, setSlice] = useState({ filter, limit: FIRST_SLICE });
  const limit = slice.filter === filter ? slice.limit : FIRST_SLICE;
  const sliced = sort !== 'nickname' && !search.trim();
  const countsQ = useLiveQuery(useCallback(() => getRosterCounts(ledgerDb(), wsId), [wsId]));
  const counts = countsQ.value ?? countsQ.stale ?? summary.counts;
  const q = useLiveQuery(
    useCallback(
      async () =>
        sliced
          ? {
              members: await getRosterSlice(ledgerDb(), wsId, {
                sort,
                limit,
                ...(status ? { status } : {}),
              }),
            }
          : { members: (await getRoster(ledgerDb(), wsId, filter)).members },
      [sliced, wsId, filter, sort, status, limit],
    ),
  );
  const view = q.value ?? q.stale;
  // How many members match: the count of the status (or all) when sliced, else what the scan kept.
  const matching = sliced ? (status ? counts[status] : counts.total) : (view?.members.length ?? 0);
  const loaded = view?.members.length ?? 0;
  const more = sliced && q.value !== undefined && loaded >= limit && loaded < matching;
  const onNearEnd = useCallback(() => {
    if (more) setSlice({ filter, limit: limit * 2 });
  }, [more, filter, limit]);
  const open = view?.members.find((m) => m.id === openId) ?? null;

  return (
    <div className="ledger" data-testid="ledger-view" data-state="roster" data-workspace={wsId}>
      <section className="card" aria-labelledby={`${id}-h`} data-testid="roster-summary">
        <h2 id={`${id}-h`}>
          {summary.institution.name} <span className="chip">{t('roster.kind')}</span>
        </h2>
        <p data-testid="roster-counts" data-total={counts.total} data-missing={counts.missing}>
          {t('roster.counts', {
            total: counts.total,
            listed: counts.listed,
            missing: counts.missing,
            gone: counts.gone,
          })}
        </p>
        {counts.missing ? (
          <p className="notice" role="status">
            {t('roster.missingHint', { n: counts.missing })}
          </p>
        ) : null}
        {counts.total === 0 ? (
          <p className="hint">
            <Msg k="roster.empty" />
          </p>
        ) : null}
      </section>
      {open ? (
        <MemberDetail member={open} onClose={() => setOpenId(null)} />
      ) : (
        <section className="card" aria-label={t('roster.listLabel')}>
          <div className="lfilters">
            <label className="field" htmlFor={`${id}-q`}>
              <span>{t('roster.search')}</span>
              <input
                id={`${id}-q`}
                type="search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
                data-testid="roster-search"
              />
            </label>
            <label className="field" htmlFor={`${id}-status`}>
              <span>{t('roster.statusFilter')}</span>
              <select
                id={`${id}-status`}
                value={status}
                onChange={(e) => setStatus(e.target.value as MemberStatus | '')}
                data-testid="roster-status"
              >
                <option value="">{t('roster.all')}</option>
                {STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`roster.status.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field" htmlFor={`${id}-sort`}>
              <span>{t('roster.sort')}</span>
              <select
                id={`${id}-sort`}
                value={sort}
                onChange={(e) => setSort(e.target.value as Sort)}
                data-testid="roster-sort"
              >
                {SORTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`roster.sort.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="hint" data-testid="roster-shown" data-n={matching}>
            {t('roster.shown', { n: matching, total: counts.total })}
          </p>
          {view?.members.length ? (
            <VirtualList
              items={view.members}
              rowHeight={ROW_HEIGHT}
              getKey={(m) => m.id}
              renderRow={(m) => <MemberLine member={m} />}
              rowAttrs={(m) => ({
                'data-testid': 'roster-row',
                'data-gg': m.guangguangId ?? '',
                'data-status': m.status,
              })}
              onOpen={(m) => setOpenId(m.id)}
              label={t('roster.listLabel')}
              testId="roster-listbox"
              onNearEnd={onNearEnd}
            />
          ) : null}
        </section>
      )}
      <RosterTools workspaceId={wsId} name={summary.institution.name} />
    </div>
  );
}

function MemberLine({ member: m }: { member: MemberRow }) {
  const { t } = useI18n();
  return (
    <div className="lrow">
      <span className="lrow-name">
        {m.nickname || t('roster.noName')}
        {m.level ? <span className="sub"> · {m.level}</span> : null}
      </span>
      <span className="sub">
        {m.guangguangId ? t('roster.gg', { id: m.guangguangId }) : t('roster.noGg')} ·{' '}
        {t('roster.lastSeen', { when: localTime(m.lastSeenAt) })}
      </span>
      <span className={`chip state-${m.status}`}>{t(`roster.status.${m.status}`)}</span>
    </div>
  );
}

function MemberDetail({ member: m, onClose }: { member: MemberRow; onClose: () => void }) {
  const id = useId();
  const { t } = useI18n();
  const { busy, status, run } = useCommand();
  const timeline = useLiveQuery(useCallback(() => getMemberTimeline(ledgerDb(), m.id), [m.id]));
  return (
    <section className="card" aria-labelledby={`${id}-h`} data-testid="member-detail" data-status={m.status}>
      <button type="button" onClick={onClose} data-testid="member-back">
        {t('detail.backToList')}
      </button>
      <h3 id={`${id}-h`}>{m.nickname || t('roster.noName')}</h3>
      <dl className="lfacts">
        <dt>{t('roster.ggLabel')}</dt>
        <dd>{m.guangguangId ?? t('roster.noGg')}</dd>
        <dt>{t('roster.level')}</dt>
        <dd>{m.level ?? '—'}</dd>
        <dt>{t('roster.statusFilter')}</dt>
        <dd>{t(`roster.status.${m.status}`)}</dd>
        <dt>{t('roster.firstSeen')}</dt>
        <dd>{localTime(m.firstSeenAt)}</dd>
        <dt>{t('roster.lastSeenLabel')}</dt>
        <dd>{localTime(m.lastSeenAt)}</dd>
        {m.note ? (
          <>
            <dt>{t('roster.note')}</dt>
            <dd data-testid="member-note">{m.note}</dd>
          </>
        ) : null}
      </dl>
      {m.status !== 'listed' ? (
        <div className="lactions">
          {m.status === 'missing' ? (
            <button
              type="button"
              disabled={busy}
              onClick={() =>
                void run({ op: 'confirmMemberGone', memberId: m.id }, both('roster.confirmedGone'))
              }
              data-testid="member-confirm-gone"
            >
              {t('roster.confirmGone')}
            </button>
          ) : null}
          <button
            type="button"
            disabled={busy}
            onClick={() => void run({ op: 'restoreMember', memberId: m.id }, both('roster.restored'))}
            data-testid="member-restore"
          >
            {t('roster.restore')}
          </button>
        </div>
      ) : null}
      <StatusLine status={status} testId="member-status" />
      <h4>{t('detail.timeline')}</h4>
      <ol className="ltimeline" data-testid="member-timeline">
        {(timeline.value ?? []).map((e) => (
          <MemberEvent key={e.id} event={e} />
        ))}
      </ol>
      <CreatorChecks guangguangId={m.guangguangId} />
    </section>
  );
}

type T = ReturnType<typeof useI18n>['t'];

function eventText(t: T, e: MemberEventRow): string {
  const from = e.from ?? '—';
  const to = e.to ?? '—';
  switch (e.action) {
    case 'appeared':
      return t('roster.event.appeared', { to });
    case 'renamed':
      return t('roster.event.renamed', { from, to });
    case 'level-changed':
      return t('roster.event.level-changed', { from, to });
    case 'identified':
      return t('roster.event.identified', { to });
    case 'binding-changed':
      return t(e.to === 'bound' ? 'roster.event.binding-bound' : 'roster.event.binding-other');
    default:
      return t(`roster.event.${e.action}`);
  }
}

function MemberEvent({ event: e }: { event: MemberEventRow }) {
  const { t } = useI18n();
  return (
    <li data-testid="member-event" data-action={e.action}>
      <time>{localTime(e.at)}</time> {eventText(t, e)}
      {e.captureKey?.startsWith(ROSTER_CSV_KEY_PREFIX)
        ? ` · ${t('roster.fromCsv')}`
        : e.source === 'manual'
          ? ` · ${t('roster.byYou')}`
          : ''}
      {e.reason ? ` · ${e.reason}` : ''}
    </li>
  );
}
