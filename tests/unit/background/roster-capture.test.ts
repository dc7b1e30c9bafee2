/**
 * 达人管理 in the background: a tab reported as page `mcn-talent` has its roster read (injected, a fake
 * here) and applied to the institution's workspace, which the panel then follows; later changes come
 * as `roster:report` from the script left watching, checked for sender and shape like every message.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { makeHandlers } from '@/entrypoints/background/handlers';
import { ledger, useLedger } from '@/entrypoints/background/ledger';
import { getRoster, getSettings, listInstitutions, openLedger } from '@/utils/ledger';
import type { PageReport, RosterList } from '@/utils/pages/types';

const ID = 'testextensionidtestextensionidab';
const ORIGIN = `chrome-extension://${ID}/`;
const TALENT_URL = 'https://mcn.guanghe.taobao.com/page/talent';
const NOW = Date.UTC(2026, 10, 22, 4, 0);
const sender = { id: ID, url: TALENT_URL, tab: { id: 7 }, frameId: 0 };

const rows = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    nickname: `达人${from + i}`,
    guangguangId: `88000${from + i}`,
    level: 'LV3',
  }));

function list(over: Partial<RosterList> = {}): RosterList {
  return {
    institution: { name: '星河传媒' },
    tab: 'bound',
    rows: rows(100, 20),
    filtered: false,
    complete: false,
    page: 1,
    pageCount: 3,
    ...over,
  };
}

const talentReport: PageReport = {
  url: TALENT_URL,
  frame: 'top',
  page: 'mcn-talent',
  dialogs: [],
  notices: [],
  account: null,
};
const shopReport: PageReport = {
  url: 'https://creator.guanghe.taobao.com/page/home',
  frame: 'top',
  page: 'creator-home',
  dialogs: [],
  notices: [],
  account: { nickname: '小林的杂货铺', guangguangId: '2210000002' },
};

let clock = NOW;
let read: ReturnType<typeof vi.fn<(tabId: number) => Promise<RosterList | null>>>;
let h: ReturnType<typeof makeHandlers>;
beforeEach(() => {
  clock = NOW;
  useLedger(openLedger(`roster-capture-${crypto.randomUUID()}`));
  read = vi.fn(() => Promise.resolve(list()));
  h = makeHandlers({ extensionId: ID, extensionOrigin: ORIGIN, now: () => clock, readRoster: read });
});

async function institutionRoster() {
  const [inst] = await listInstitutions(ledger());
  return inst ? { inst, roster: await getRoster(ledger(), inst.institution.id) } : null;
}

describe('达人管理 in the background', () => {
  it('reads the roster when the tab shows 达人管理, records it, and follows the institution', async () => {
    await h['page:report'](talentReport, sender);
    expect(read).toHaveBeenCalledWith(7);
    const got = await institutionRoster();
    expect(got?.inst.institution.name).toBe('星河传媒');
    expect(got?.roster.members).toHaveLength(20);
    expect((await getSettings(ledger())).selectedWorkspaceId).toBe(got?.inst.institution.id);
  });

  it('takes each later page from roster:report, and records the same list once', async () => {
    await h['page:report'](talentReport, sender);
    clock += 1000;
    await h['roster:report'](list({ rows: rows(120, 20), page: 2 }), sender);
    await h['roster:report'](list({ rows: rows(140, 20), page: 3 }), sender);
    await h['roster:report'](list({ rows: rows(140, 20), page: 3 }), sender);
    const got = await institutionRoster();
    expect(got?.roster.members).toHaveLength(60);
    // Paged lists never flag anyone.
    expect(got?.roster.counts).toMatchObject({ total: 60, listed: 60, missing: 0 });
    expect(await ledger().captures.count()).toBe(3);
  });

  it('ignores a roster:report from another extension, a subframe or of the wrong shape', async () => {
    await h['roster:report'](list(), { ...sender, id: 'someotherextensionidxxxxxxxxxxxx' });
    await h['roster:report'](list(), { ...sender, frameId: 3 });
    await h['roster:report']({ ...list(), rows: [{ nickname: 1 }] }, sender);
    await h['roster:report'](list(), { ...sender, url: 'https://example.com/' });
    expect(await institutionRoster()).toBeNull();
  });

  it('records nothing when the list cannot be read or names no institution', async () => {
    read.mockResolvedValueOnce(null);
    await h['page:report'](talentReport, sender);
    await h['roster:report'](list({ institution: null }), sender);
    expect(await institutionRoster()).toBeNull();
    expect(await ledger().members.count()).toBe(0);
  });

  it('switching to a shop account switches the workspace, and back', async () => {
    await h['page:report'](talentReport, sender);
    const inst = (await institutionRoster())!.inst.institution.id;
    await h['page:report'](shopReport, sender);
    const shop = (await getSettings(ledger())).selectedWorkspaceId;
    expect(shop).not.toBe(inst);
    expect(await ledger().workspaces.get(shop!)).toBeDefined();
    clock += 1000;
    await h['roster:report'](list({ rows: rows(120, 20), page: 2 }), sender);
    expect((await getSettings(ledger())).selectedWorkspaceId).toBe(inst);
  });
});
