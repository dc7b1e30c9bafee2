import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeHandlers } from '@/entrypoints/background/handlers';
import { useLedger, ledger } from '@/entrypoints/background/ledger';
import { listAccounts, listWorkspaces, getSettings, openLedger } from '@/utils/ledger';
import type { PageReport } from '@/utils/pages/types';
import { tabKey, type CheckLogEntry, type TabState } from '@/utils/tab-state';
import { quotaSimulator } from '../ledger/helpers';
import { inviteSnapshot } from '../snapshots';

const ID = 'testextensionidtestextensionidab';
const MATRIX_URL = 'https://creator.guanghe.taobao.com/page/account/matrix';
const ORIGIN = `chrome-extension://${ID}/`;
const NOW = Date.UTC(2026, 10, 22, 4, 0);
const page = (url = 'https://creator.guanghe.taobao.com/page/account/matrix', tabId = 7) => ({
  id: ID,
  url,
  tab: { id: tabId },
  frameId: 0,
});
const panel = { id: ID, url: `${ORIGIN}sidepanel.html` };

function report(over: Partial<PageReport> = {}): PageReport {
  return {
    url: 'https://creator.guanghe.taobao.com/page/account/matrix',
    frame: 'top',
    page: 'matrix',
    dialogs: [],
    notices: [],
    account: { nickname: '小林的杂货铺', guangguangId: '2210000002' },
    matrixRows: [
      {
        nickname: '小林的穿搭日记',
        guangguangId: '3310000001',
        bindingText: '已绑定',
        permissionText: '代理发布：已开通 代理互动：未申请',
      },
      {
        nickname: '小林家的厨房',
        guangguangId: '3310000002',
        bindingText: '待接受',
        permissionText: '代理发布：未申请 代理互动：未申请',
      },
    ],
    ...over,
  };
}

async function tab(tabId = 7): Promise<TabState | undefined> {
  const got = await fakeBrowser.storage.session.get(tabKey(tabId));
  return got[tabKey(tabId)] as TabState | undefined;
}

let h: ReturnType<typeof makeHandlers>;
beforeEach(() => {
  useLedger(openLedger(`bg-test-${crypto.randomUUID()}`));
  h = makeHandlers({ extensionId: ID, extensionOrigin: ORIGIN, now: () => NOW });
});

describe('page reports', () => {
  it('stores the tab state, creates and selects the logged-in account’s workspace, and captures the list', async () => {
    await h['page:report'](report(), page());
    expect((await tab())?.top?.page).toBe('matrix');
    const ws = await listWorkspaces(ledger());
    expect(ws).toHaveLength(1);
    expect(ws[0]!.mainAccount?.guangguangId).toBe('2210000002');
    expect((await getSettings(ledger())).selectedWorkspaceId).toBe(ws[0]!.workspace.id);
    const views = await listAccounts(ledger(), ws[0]!.workspace.id, { role: 'matrix' });
    const byGg = Object.fromEntries(views.map((v) => [v.account.guangguangId, v]));
    expect(byGg['3310000001']?.binding?.state).toBe('accepted');
    expect(byGg['3310000001']?.permissions['proxy-publish']?.state).toBe('granted');
    expect(byGg['3310000002']?.binding?.state).toBe('pending');
  });

  it('a full disk while recording the list: the tab says so, the list is retried, the message goes once recorded', async () => {
    const db = openLedger(`bg-test-${crypto.randomUUID()}`);
    const quota = quotaSimulator(db);
    useLedger(db);
    // Even the database's creation fails on a full disk (a fresh install): the tab says why.
    quota.arm(() => true);
    await h['page:report'](report(), page());
    expect((await tab())?.error?.zh).toContain('存储空间已满');
    quota.disarm();
    await db.open();
    quota.arm(() => true);

    await h['page:report'](report(), page());
    const failed = await tab();
    expect(failed?.top?.page).toBe('matrix');
    expect(failed?.error?.source).toBe('ledger');
    expect(failed?.error?.zh).toContain('存储空间已满');
    quota.disarm();
    expect(await db.accounts.count()).toBe(0);
    quota.arm(() => true);

    // Still full: the same list is tried again (not skipped as already seen) and fails again.
    await h['page:report'](report(), page());
    expect((await tab())?.error?.zh).toContain('存储空间已满');

    quota.disarm();
    await h['page:report'](report(), page());
    expect((await tab())?.error).toBeUndefined();
    const ws = await listWorkspaces(db);
    const views = await listAccounts(db, ws[0]!.workspace.id, { role: 'matrix' });
    expect(views.map((v) => v.account.guangguangId).sort()).toEqual(['3310000001', '3310000002']);
  });

  it('recording the same list twice changes nothing the second time', async () => {
    await h['page:report'](report(), page());
    const events = await ledger().events.count();
    await h['page:report'](
      report({ url: 'https://creator.guanghe.taobao.com/page/account/matrix?x=1' }),
      page(),
    );
    expect(await ledger().events.count()).toBe(events);
  });

  it('ignores reports from other extensions, other hosts, and malformed ones: no state, no writes', async () => {
    const forged = [
      [report(), { ...page(), id: 'other' }],
      [report(), page('https://login.taobao.com/member/login.jhtml')],
      [report(), { id: ID, url: 'https://creator.guanghe.taobao.com/' }],
      [{ ...report(), frame: 'evil' }, page()],
      [{ ...report(), dialogs: 'x' }, page()],
      [null, page()],
      ['report', page()],
    ] as const;
    for (const [data, sender] of forged) await h['page:report'](data, sender);
    expect(await tab()).toBeUndefined();
    expect(await ledger().workspaces.count()).toBe(0);
  });
});

describe('submit checks', () => {
  it('blocks inviting an account already bound to this main account', async () => {
    await h['page:report'](report(), page());
    const v = await h['submit:check'](
      {
        checkId: 'c1',
        page: 'x',
        kind: 'matrix-invite',
        snapshot: inviteSnapshot('3310000001', '13900000001'),
      },
      page(),
    );
    expect(v.findings.map((f) => [f.ruleId, f.severity])).toContainEqual(['invite.already-bound', 'block']);
    expect(v.verdict).toBe('block');
    expect(v.findings.map((f) => f.ruleId)).toContain('invite.already-bound');
    // The box over the form speaks the interface language: Chinese unless English is chosen.
    expect(v.lang).toBe('zh');
    // Recorded after the answer (the held click waits only for the verdict).
    await vi.waitFor(async () => expect((await tab())?.lastCheck?.verdict).toBe('block'));
  });

  it('answers in the language the user chose (the findings box shows it)', async () => {
    await h['page:report'](report(), page());
    const ask = () =>
      h['submit:check'](
        {
          checkId: crypto.randomUUID(),
          page: 'x',
          kind: 'matrix-invite',
          snapshot: inviteSnapshot('3310000001', '1'),
        },
        page(),
      );
    await fakeBrowser.storage.local.set({ language: 'en' });
    expect((await ask()).lang).toBe('en');
    await fakeBrowser.storage.local.set({ language: 'zh' });
    expect((await ask()).lang).toBe('zh');
    await fakeBrowser.storage.local.set({ language: 'nonsense' });
    expect((await ask()).lang).toBe('zh');
  });

  it('the cached rule context sees every later write (no stale verdicts)', async () => {
    await h['page:report'](report(), page());
    const ask = () =>
      h['submit:check'](
        {
          checkId: crypto.randomUUID(),
          page: 'x',
          kind: 'matrix-invite',
          snapshot: inviteSnapshot('3310000003', '13900000003'),
        },
        page(),
      );
    expect((await ask()).findings.map((f) => f.ruleId)).not.toContain('invite.already-bound');
    const rows = [
      ...report().matrixRows!,
      { nickname: '示例家居生活馆', guangguangId: '3310000003', bindingText: '已绑定', permissionText: '' },
    ];
    await h['page:report'](report({ matrixRows: rows }), page());
    expect((await ask()).findings.map((f) => f.ruleId)).toContain('invite.already-bound');
  });

  it('answers a forged check with a neutral allow and records nothing', async () => {
    const v = await h['submit:check'](
      { checkId: 'c1', page: 'x', kind: 'matrix-invite', snapshot: inviteSnapshot('1', '1') },
      { ...page(), id: 'other' },
    );
    expect(v).toEqual({ checkId: '', verdict: 'allow', findings: [] });
    expect(await tab()).toBeUndefined();
  });

  it("the platform's reply after a released submit joins its check, phones masked, in the tab and the log", async () => {
    await h['page:report'](report(), page());
    const v = await h['submit:check'](
      {
        checkId: 'c1',
        kind: 'matrix-invite',
        snapshot: inviteSnapshot('3310000009', '13800138000'),
        page: MATRIX_URL,
      },
      page(),
    );
    expect(v.checkId).toBe('c1');
    await vi.waitFor(async () => expect((await tab())?.lastCheck?.checkId).toBe('c1'));
    await h['submit:outcome']({ checkId: 'c1', outcome: 'released' }, page());

    // Another id (a stale listener, a forged message): nothing changes.
    const before = JSON.stringify(await fakeBrowser.storage.local.get(null));
    await h['submit:reply']({ checkId: 'c0', texts: ['别的'] }, page());
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).toBe(before);
    expect((await tab())?.lastCheck?.reply).toBeUndefined();

    await h['submit:reply'](
      { checkId: 'c1', texts: ['手机号 13800138000 与逛逛号注册手机号不一致'] },
      page(),
    );
    expect((await tab())?.lastCheck?.reply).toEqual(['手机号 138****8000 与逛逛号注册手机号不一致']);
    const log = (await fakeBrowser.storage.local.get('checkLog')).checkLog as {
      checkId: string;
      reply?: string[];
    }[];
    expect(log.find((e) => e.checkId === 'c1')?.reply).toEqual([
      '手机号 138****8000 与逛逛号注册手机号不一致',
    ]);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain('13800138000');

    // A success that navigates away first: the new page starts clean, the log still gets the reply.
    await h['page:report'](report({ page: 'works', matrixRows: undefined }), page());
    expect((await tab())?.lastCheck).toBeUndefined();
    await h['submit:reply']({ checkId: 'c1', texts: ['发布成功'] }, page());
    const after = (await fakeBrowser.storage.local.get('checkLog')).checkLog as {
      checkId: string;
      reply?: string[];
    }[];
    expect(after.find((e) => e.checkId === 'c1')?.reply).toEqual(['发布成功']);
    expect((await tab())?.lastCheck).toBeUndefined();
  });

  it('a failed-open outcome is shown in the panel state', async () => {
    await h['submit:outcome']({ checkId: 'c9', outcome: 'failed-open', detail: 'timeout' }, page());
    const t = await tab();
    expect(t?.error?.zh).toContain('已放行');
    // The content script's short codes are told in words, in each language, with no code left in.
    expect(t?.error?.zh).toContain('没有及时');
    expect(t?.error?.en).toContain('did not answer in time');
    expect(t?.error?.zh).not.toContain('timeout');
    expect(t?.lastCheck?.outcome).toBe('failed-open');
    // A later report of the same page recorded fine does not hide what happened to the submit.
    await h['page:report'](report(), page());
    expect((await tab())?.error?.zh).toContain('已放行');
  });
});

describe('ledger commands', () => {
  it('runs commands from the panel and refuses them from a content script', async () => {
    const ok = await h['ledger:command'](
      {
        op: 'createWorkspace',
        name: '客户A',
        mainAccount: { guangguangId: '2210000009', nickname: '客户A' },
      },
      panel,
    );
    expect(ok.ok).toBe(true);
    const refused = await h['ledger:command'](
      { op: 'createWorkspace', name: '客户B', mainAccount: { guangguangId: '2210000010' } },
      page(),
    );
    expect(refused.ok).toBe(false);
    expect(await ledger().workspaces.count()).toBe(1);
  });

  it('rejects a malformed command and a bad phone with a bilingual message, writing nothing', async () => {
    const bad = await h['ledger:command']({ op: 'dropEverything' }, panel);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.zh).toContain('无效');
      expect(bad.error.en).toContain('Invalid');
    }
    const phone = await h['ledger:command'](
      { op: 'createWorkspace', name: 'A', mainAccount: { guangguangId: '1', phone: '12345' } },
      panel,
    );
    expect(phone.ok).toBe(false);
    expect(await ledger().workspaces.count()).toBe(0);
  });

  it('stores a phone only as mask and HMAC', async () => {
    const r = await h['ledger:command'](
      {
        op: 'createWorkspace',
        name: 'A',
        mainAccount: { guangguangId: '2210000011', phone: '+86 139-0000-0001' },
      },
      panel,
    );
    expect(r.ok).toBe(true);
    const rows = await ledger().accounts.toArray();
    expect(JSON.stringify(rows)).not.toContain('13900000001');
    expect(rows[0]!.phoneMask).toBe('139****0001');
    expect(rows[0]!.phoneHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('page evidence', () => {
  it('a proxy account offered in 发布账号 counts as a seen grant, so a stale ledger does not block', async () => {
    await h['page:report'](report(), page());
    // 3310000001 is bound with 代理发布 granted in the list above; make the ledger stale for 3310000002 instead:
    const rows = [
      {
        nickname: '小林家的厨房',
        guangguangId: '3310000002',
        bindingText: '已绑定',
        permissionText: '代理发布：待确认',
      },
    ];
    await h['page:report'](report({ matrixRows: rows }), page());
    const snapshot = {
      title: '发布视频',
      button: '立即发布',
      fields: [
        { label: '发布账号', placeholder: '', value: '小林家的厨房（矩阵账号·代理发布）' },
        { label: '标题', placeholder: '加个标题让内容更吸引人', value: '周末露营装备清单' },
      ],
      checked: [{ text: '内容无需标注', disabled: false }],
      removable: [],
      text: '',
    };
    const frame = page('https://huodong.taobao.com/wow/z/guang/gg_publish/gg-video?x=1');
    const v = await h['submit:check'](
      { checkId: 'p1', page: frame.url, kind: 'proxy-publish-video', snapshot },
      frame,
    );
    expect(v.findings.map((f) => f.ruleId)).not.toContain('proxy.permission.missing');
    expect(v.verdict).not.toBe('block');
  });
});

describe('批量发布 on the institution platform', () => {
  const MCN_BATCH =
    'https://mcn.guanghe.taobao.com/page/unify/creation-tool/batch-publish?ugc_scene=short_drama_multipublish&gid=4410000001';
  const FRAME = page(
    'https://huodong.taobao.com/wow/z/guang/gg_publish/gg-video?ugc_scene=short_drama_multipublish&from=mcn_batch',
  );
  const items = (n: number, bad: number) =>
    Array.from({ length: n }, (_, i) => [
      { label: '', placeholder: '加个标题让内容更吸引人', value: `第${i + 1}集` },
      { label: '', placeholder: '添加作品描述，让更多人看到你的作品', value: '' },
      { label: '', placeholder: '请选择日期和时间', value: i === bad ? '2026/02/30 25:61' : '' },
    ]).flat();
  const snapshot = (fields: { label: string; placeholder: string; value: string }[]) => ({
    title: '发布视频',
    button: '批量发布',
    fields: [{ label: '发布账号', placeholder: '', value: '小鹿爱穿搭（逛逛号：4410000002）' }, ...fields],
    checked: [{ text: '内容无需标注', disabled: false }],
    removable: [],
    text: '',
  });

  it('50 items, one malformed date: checked per item, that item named, the other creator warned', async () => {
    await h['page:report'](
      report({ url: MCN_BATCH, page: 'mcn-batch-publish', account: null, matrixRows: undefined }),
      page(MCN_BATCH),
    );
    const v = await h['submit:check'](
      { checkId: 'b1', page: FRAME.url, kind: 'proxy-publish-video', snapshot: snapshot(items(50, 36)) },
      FRAME,
    );
    expect(v.failOpen).toBeUndefined();
    const bad = v.findings.filter((f) => f.ruleId === 'publish.schedule.unparseable');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.item).toEqual({ index: 37, name: '第37集' });
    // The box's words name the item; the form publishes as another creator than the page's row.
    expect(bad[0]!.message.zh).toMatch(/^第 37 条「第37集」：/);
    expect(v.findings.map((f) => f.ruleId)).toContain('publish.creator.other-than-row');
    expect(v.verdict).toBe('warn');
    // The log names the creator the batch publishes as (the form's), so the roster view lists it.
    await vi.waitFor(async () => {
      const log = (await fakeBrowser.storage.local.get('checkLog')).checkLog as CheckLogEntry[];
      expect(log.find((e) => e.checkId === 'b1')).toMatchObject({
        creator: '4410000002',
        verdict: 'warn',
        ruleIds: expect.arrayContaining(['publish.creator.other-than-row']) as unknown,
      });
    });
    // The panel's record keeps the plain messages with their item (it groups them by item itself).
    await vi.waitFor(async () => {
      const kept = (await tab())?.lastCheck?.findings.find((f) => f.item);
      expect(kept?.item?.index).toBe(37);
      expect(kept?.message.zh).not.toMatch(/^第 /);
    });
  });

  it('an unbind on 达人管理 is logged for the creator it names; a check on the creator platform names none', async () => {
    const TALENT = 'https://mcn.guanghe.taobao.com/page/talent';
    await h['submit:check'](
      {
        checkId: 'u1',
        page: TALENT,
        kind: 'unbind',
        snapshot: {
          title: '解绑达人',
          button: '确认解绑',
          fields: [],
          checked: [],
          removable: [],
          text: '确认解绑达人「小鹿爱穿搭」？解绑后将无法为 TA 发布作品。',
          rowId: '4410000001',
        },
      },
      page(TALENT),
    );
    await h['page:report'](report(), page());
    await h['submit:check'](
      {
        checkId: 'c2',
        kind: 'matrix-invite',
        snapshot: inviteSnapshot('3310000009', '13800138000'),
        page: MATRIX_URL,
      },
      page(),
    );
    await vi.waitFor(async () => {
      const log = (await fakeBrowser.storage.local.get('checkLog')).checkLog as CheckLogEntry[];
      expect(log.map((e) => [e.checkId, e.creator])).toEqual([
        ['u1', '4410000001'],
        ['c2', undefined],
      ]);
    });
  });

  it('a batch whose items cannot be read goes on unchecked, and says why', async () => {
    const v = await h['submit:check'](
      { checkId: 'b2', page: FRAME.url, kind: 'proxy-publish-video', snapshot: snapshot([]) },
      FRAME,
    );
    expect(v).toMatchObject({ verdict: 'allow', findings: [], failOpen: 'fields-unread:batchItems' });
  });
});
