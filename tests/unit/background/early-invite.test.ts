/**
 * A ledger that fills even where a list is not read: an invite the platform answered with success is
 * recorded from the submit itself (pending, unconfirmed, masked phone), then confirmed by the next list
 * that shows it or flagged missing by one that does not.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeHandlers } from '@/entrypoints/background/handlers';
import { tabKey, type TabState } from '@/utils/tab-state';
import { ledger, useLedger } from '@/entrypoints/background/ledger';
import { applyImport, exportJson, listAccounts, listWorkspaces, openLedger } from '@/utils/ledger';
import type { MatrixRow, PageReport } from '@/utils/pages/types';
import { dumpAll } from '../ledger/helpers';
import { inviteSnapshot } from '../snapshots';

const ID = 'testextensionidtestextensionidab';
const ORIGIN = `chrome-extension://${ID}/`;
const MATRIX_URL = 'https://creator.guanghe.taobao.com/page/account/matrix';
const NOW = Date.UTC(2026, 10, 22, 4, 0);
const NEW_GG = '3310000009';
const PHONE = '13800138000';
const sender = { id: ID, url: MATRIX_URL, tab: { id: 7 }, frameId: 0 };

const row = (guangguangId: string, bindingText = '待接受'): MatrixRow => ({
  nickname: `号${guangguangId.slice(-2)}`,
  guangguangId,
  bindingText,
  permissionText: '代理发布：未申请 代理互动：未申请',
});

function report(page: PageReport['page'], matrixRows?: MatrixRow[]): PageReport {
  return {
    url: MATRIX_URL,
    frame: 'top',
    page,
    dialogs: [],
    notices: [],
    account: { nickname: '小林的杂货铺', guangguangId: '2210000002' },
    ...(matrixRows ? { matrixRows } : {}),
  };
}

let h: ReturnType<typeof makeHandlers>;
let clock = NOW;
beforeEach(() => {
  clock = NOW;
  useLedger(openLedger(`early-invite-${crypto.randomUUID()}`));
  h = makeHandlers({ extensionId: ID, extensionOrigin: ORIGIN, now: () => clock });
});

/** The account is known (a page without a list showed it), then an invite is checked and let through. */
async function inviteReleased(checkId = 'c1', outcome: 'released' | 'cancelled' = 'released') {
  await h['page:report'](report('creator-home'), sender);
  await h['submit:check'](
    { checkId, kind: 'matrix-invite', snapshot: inviteSnapshot(NEW_GG, PHONE), page: MATRIX_URL },
    sender,
  );
  await h['submit:outcome']({ checkId, outcome }, sender);
}

async function invited() {
  const [ws] = await listWorkspaces(ledger());
  if (!ws) return undefined;
  const views = await listAccounts(ledger(), ws.workspace.id, { role: 'matrix' });
  return views.find((v) => v.account.guangguangId === NEW_GG);
}

async function confirmationEvents(): Promise<string[]> {
  const events = await ledger().events.toArray();
  return events
    .filter((e) => e.field === 'unconfirmed')
    .sort((a, b) => a.at - b.at || a.seq - b.seq)
    .map((e) => `${e.from}→${e.to}`);
}

describe('an invite the platform said it sent is in the ledger before any list', () => {
  it('recorded at once (pending, unconfirmed, masked phone), then confirmed by the list', async () => {
    await inviteReleased();
    expect(await invited()).toBeUndefined();
    await h['submit:reply']({ checkId: 'c1', texts: ['邀请已发送，等待对方接受'] }, sender);

    const v = await invited();
    expect(v?.binding?.state).toBe('pending');
    expect(v?.binding?.unconfirmed).toEqual({ since: NOW, missingSince: null });
    expect(v?.account.phoneMask).toBe('138****8000');
    expect(v?.account.phoneHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await dumpAll(ledger()))).not.toContain(PHONE);
    // The same reply again (the content script resends as messages accumulate): one record.
    const before = await ledger().events.count();
    await h['submit:reply']({ checkId: 'c1', texts: ['邀请已发送，等待对方接受', '已复制'] }, sender);
    expect(await ledger().events.count()).toBe(before);

    clock = NOW + 5_000;
    await h['page:report'](report('matrix', [row('3310000001', '已绑定'), row(NEW_GG)]), sender);
    const after = await invited();
    expect(after?.binding?.state).toBe('pending');
    expect(after?.binding?.unconfirmed).toBeUndefined();
    expect(after?.binding?.id).toBe(v?.binding?.id);
    expect(await confirmationEvents()).toEqual(['confirmed→submitted', 'submitted→confirmed']);
  });

  it('a list read without it flags it missing; a later list that shows it confirms it', async () => {
    await inviteReleased();
    await h['submit:reply']({ checkId: 'c1', texts: ['邀请已发送，等待对方接受'] }, sender);
    // The table still loading reads as no rows: that is not "missing".
    clock = NOW + 1_000;
    await h['page:report'](report('matrix', []), sender);
    expect((await invited())?.binding?.unconfirmed?.missingSince).toBeNull();

    clock = NOW + 2_000;
    await h['page:report'](report('matrix', [row('3310000001', '已绑定')]), sender);
    expect((await invited())?.binding?.unconfirmed).toEqual({ since: NOW, missingSince: NOW + 2_000 });

    clock = NOW + 60_000;
    await h['page:report'](report('matrix', [row('3310000001', '已绑定'), row(NEW_GG, '已绑定')]), sender);
    const v = await invited();
    expect(v?.binding?.state).toBe('accepted');
    expect(v?.binding?.unconfirmed).toBeUndefined();
    expect(await confirmationEvents()).toEqual([
      'confirmed→submitted',
      'submitted→missing',
      'missing→confirmed',
    ]);
  });

  it('nothing is recorded early for a refusal, an unclear message, a cancelled click or a fresh login', async () => {
    await inviteReleased('c1');
    await h['submit:reply']({ checkId: 'c1', texts: [`手机号 ${PHONE} 与逛逛号注册手机号不一致`] }, sender);
    // A success text arriving later for a refused submit does not count either.
    await h['submit:reply']({ checkId: 'c1', texts: ['邀请已发送'] }, sender);
    await h['submit:reply']({ checkId: 'c1', texts: ['被邀请的逛逛号需在淘宝App中接受邀请'] }, sender);
    expect(await invited()).toBeUndefined();

    await inviteReleased('c2', 'cancelled');
    await h['submit:reply']({ checkId: 'c2', texts: ['邀请已发送，等待对方接受'] }, sender);
    expect(await invited()).toBeUndefined();

    await inviteReleased('c3');
    await h['page:report']({ ...report('matrix'), account: null, freshLogin: true }, sender);
    await h['submit:reply']({ checkId: 'c3', texts: ['邀请已发送，等待对方接受'] }, sender);
    expect(await invited()).toBeUndefined();

    // A forged reply from a page that is not ours: nothing.
    await inviteReleased('c4');
    await h['submit:reply'](
      { checkId: 'c4', texts: ['邀请已发送'] },
      { ...sender, id: 'someotherextension' },
    );
    await vi.waitFor(async () => expect(await invited()).toBeUndefined());
  });

  it('the unconfirmed mark survives a backup: export, import into an empty ledger, same mark', async () => {
    await inviteReleased();
    await h['submit:reply']({ checkId: 'c1', texts: ['邀请已发送，等待对方接受'] }, sender);
    const json = await exportJson(ledger());
    useLedger(openLedger(`early-invite-${crypto.randomUUID()}`));
    await applyImport(ledger(), json);
    expect((await invited())?.binding?.unconfirmed).toEqual({ since: NOW, missingSince: null });
  });
});

describe('a form whose fields cannot be found', () => {
  it('goes through unchecked, and the panel says which fields in its own words (no code ids, no English in zh)', async () => {
    await h['page:report'](report('creator-home'), sender);
    const snapshot = { ...inviteSnapshot(NEW_GG, PHONE), fields: [] };
    const v = await h['submit:check'](
      { checkId: 'u1', kind: 'matrix-invite', snapshot, page: MATRIX_URL },
      sender,
    );
    expect(v.verdict).toBe('allow');
    expect(v.failOpen).toBeTruthy();
    await h['submit:outcome']({ checkId: 'u1', outcome: 'failed-open', detail: v.failOpen }, sender);
    const state = (await fakeBrowser.storage.session.get(tabKey(7)))[tabKey(7)] as TabState | undefined;
    expect(state?.error?.zh).toContain('逛逛号');
    expect(state?.error?.zh).toContain('已放行');
    expect(state?.error?.zh).not.toMatch(/[A-Za-z]/);
    expect(state?.error?.en).toContain('Guangguang ID');
  });
});
