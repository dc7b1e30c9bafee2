/**
 * Privacy: phone numbers at rest only as a mask + HMAC, and exports leave phones out unless asked.
 *
 * Drives the real background path (the handlers the service worker registers): `ledger:command`
 * createWorkspace / upsertAccount / recordInvite with phones typed in all the ways people type them,
 * then an invite through the page (`submit:check` → `submit:outcome` → the matrix list showing it),
 * then dumps every table of the database and `storage.session` / `storage.local` and looks for the
 * numbers in any form: the 11 digits, the digits behind separators or full-width forms, and any run of
 * 5 consecutive digits of a number (the mask shows 3 + 4 of them, apart).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { makeHandlers } from '@/entrypoints/background/handlers';
import { ledger, useLedger } from '@/entrypoints/background/ledger';
import { exportCsv, exportJson, openLedger, type LedgerBackup } from '@/utils/ledger';
import { inviteSnapshot } from './snapshots';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const NOW = Date.UTC(2026, 10, 22, 4, 0);
const panel = { id: ID, url: `${ORIGIN}sidepanel.html` };
const PAGE_URL = 'https://creator.guanghe.taobao.com/page/account/matrix';
const page = { id: ID, url: PAGE_URL, tab: { id: 7 }, frameId: 0 };

/** Each number as typed (every form normalises to the 11 digits on the right). */
const TYPED: [typed: string, normal: string][] = [
  ['+86 138 7654 3210', '13876543210'],
  ['0086-139-2468-1357', '13924681357'],
  ['86 15098765432', '15098765432'],
  ['１８６５４３２１９８７', '18654321987'],
  ['＋８６ １７７ ５１２３ ４８６９', '17751234869'],
  ['tel:+86-136-9182-7364', '13691827364'],
  ['135.7913.5791', '13579135791'],
  ['(158) 2222-3456', '15822223456'],
  ['147\u00A03698\u00A02581', '14736982581'],
  ['1\u200B8\u200B9\u200B5\u200B6\u200B7\u200B4\u200B3\u200B2\u200B1\u200B0', '18956743210'],
  ['166–8642–0975', '16686420975'],
  ['  19912348765  ', '19912348765'],
];
/** Typed into the 发布器 invite form on the page. */
const INVITE_TYPED = '＋86 (131) 9753-1864';
const INVITE_NORMAL = '13197531864';
const ALL_NORMAL = [...TYPED.map(([, n]) => n), INVITE_NORMAL];

let h: ReturnType<typeof makeHandlers>;
beforeEach(() => {
  useLedger(openLedger(`privacy-${crypto.randomUUID()}`));
  h = makeHandlers({ extensionId: ID, extensionOrigin: ORIGIN, now: () => NOW });
});

async function command(cmd: unknown): Promise<unknown> {
  const r = await h['ledger:command'](cmd, panel);
  if (!r.ok) throw new Error(`${JSON.stringify(cmd)} failed: ${r.error.en}`);
  return r.value;
}

/** Every table of the database (CryptoKeys as their flags) and both storage areas, as JSON text. */
async function everythingAtRest(): Promise<string> {
  const db = ledger();
  const tables: Record<string, unknown[]> = {};
  for (const t of db.tables) tables[t.name] = await t.toArray();
  const session = await fakeBrowser.storage.session.get(null);
  const local = await fakeBrowser.storage.local.get(null);
  // Times (`at`, `…At`) are numbers from the clock, some real (`Date.now()`): zeroed so that a run of
  // digits in one is not taken for a phone. A phone is never stored as a number under such a key.
  return JSON.stringify({ tables, session, local }, (k, v: unknown) => {
    if (v instanceof CryptoKey) return { cryptoKey: v.type, extractable: v.extractable };
    if (typeof v === 'number' && (k === 'at' || k.endsWith('At'))) return 0;
    return v;
  });
}

/** UUIDs and hex digests are random: drop them so a digit run inside one is not mistaken for a leak. */
const withoutRandomIds = (s: string) =>
  s
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<uuid>')
    .replace(/\b[0-9a-f]{16,}\b/gi, '<hex>');

function expectNoPhones(text: string, phones: readonly string[]): void {
  const plain = withoutRandomIds(text);
  // Full-width digits, separators of every kind: compare digits only, after NFKC.
  const digitsOnly = plain.normalize('NFKC').replace(/\D/g, '');
  for (const p of phones) {
    expect(plain, `the number ${p} is stored`).not.toContain(p);
    expect(digitsOnly.includes(p) ? p : null, `the number ${p} is stored with separators`).toBeNull();
    for (let i = 0; i + 5 <= p.length; i++) {
      const run = p.slice(i, i + 5);
      expect(
        plain.normalize('NFKC').includes(run) ? run : null,
        `digits ${run} of ${p} are stored`,
      ).toBeNull();
    }
  }
  // And no mainland mobile number at all, with or without +86.
  expect(plain.normalize('NFKC').match(/(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/g)).toBeNull();
}

/** A realistic ledger built through the background, with every typed phone. */
async function buildThroughBackground(): Promise<{ workspaceId: string }> {
  const created = (await command({
    op: 'createWorkspace',
    name: '小林的杂货铺',
    mainAccount: {
      guangguangId: '2210000002',
      nickname: '小林的杂货铺',
      identity: 'tmall-merchant',
      phone: TYPED[0]![0],
    },
  })) as { workspace: { id: string } };
  const workspaceId = created.workspace.id;
  for (const [i, [typed]] of TYPED.slice(1).entries()) {
    const gg = `33100000${String(i + 10)}`;
    if (i % 2 === 0)
      await command({ op: 'upsertAccount', workspaceId, account: { guangguangId: gg, phone: typed } });
    else
      await command({
        op: 'recordInvite',
        workspaceId,
        account: { guangguangId: gg, nickname: `矩阵${i}`, phone: typed },
        state: i % 4 === 1 ? 'pending' : 'draft',
      });
  }
  // Change a phone (the change event keeps masks only) and clear another.
  await command({
    op: 'upsertAccount',
    workspaceId,
    account: { guangguangId: '3310000010', phone: TYPED[2]![0] },
  });
  await command({ op: 'upsertAccount', workspaceId, account: { guangguangId: '3310000012', phone: '' } });
  return { workspaceId };
}

/** The invite made on the page: check, release, then the list shows the account as pending. */
async function inviteThroughPage(): Promise<void> {
  const report = (rows: { guangguangId: string; bindingText: string }[]) => ({
    url: PAGE_URL,
    frame: 'top',
    page: 'matrix',
    dialogs: rows.length ? [] : ['matrix-invite'],
    notices: [],
    account: { nickname: '小林的杂货铺', guangguangId: '2210000002' },
    matrixRows: rows.map((r) => ({ nickname: '新邀请的号', permissionText: '', ...r })),
  });
  await h['page:report'](report([]), page);
  const verdict = await h['submit:check'](
    {
      checkId: 'check-1',
      page: 'matrix',
      kind: 'matrix-invite',
      snapshot: inviteSnapshot('3310000099', INVITE_TYPED),
    },
    page,
  );
  expect(verdict.checkId).toBe('check-1');
  await h['submit:outcome']({ checkId: 'check-1', outcome: 'released' }, page);
  await h['page:report'](report([{ guangguangId: '3310000099', bindingText: '待接受' }]), page);
}

describe('phones at rest: only a mask and an HMAC', () => {
  it('no number typed in the panel or on the page is stored, in any form, anywhere', async () => {
    const { workspaceId } = await buildThroughBackground();
    await inviteThroughPage();

    // The path really stored phones, as mask + HMAC (so the scan below is not vacuous).
    const accounts = await ledger().accounts.where('workspaceId').equals(workspaceId).toArray();
    const byGg = new Map(accounts.map((a) => [a.guangguangId, a]));
    expect(byGg.get('2210000002')?.phoneMask).toBe('138****3210');
    expect(byGg.get('3310000010')?.phoneMask).toBe('150****5432'); // changed to TYPED[2]
    expect(byGg.get('3310000012')?.phoneMask).toBeNull(); // cleared
    const invited = byGg.get('3310000099');
    expect(invited?.phoneMask).toBe('131****1864');
    expect(invited?.phoneHash).toMatch(/^[0-9a-f]{64}$/);
    for (const a of accounts) if (a.phoneMask) expect(a.phoneHash).toMatch(/^[0-9a-f]{64}$/);
    expect(accounts.filter((a) => a.phoneMask).length).toBeGreaterThanOrEqual(TYPED.length - 1);

    // The page's check was recorded in the session (findings included) and scanned below.
    const session = await fakeBrowser.storage.session.get(null);
    expect(JSON.stringify(session)).toContain('"checkId":"check-1"');

    const dump = await everythingAtRest();
    expect(dump).toContain('138****3210');
    expectNoPhones(dump, ALL_NORMAL);
  });

  it('the scan finds a number stored in any of the forms it looks for', () => {
    const p = '13876543210';
    for (const leak of [
      p,
      '+86 138 7654 3210',
      '１３８７６５４３２１０',
      '138-7654-3210',
      'x87654x',
      '138****3210 0:76543',
    ]) {
      expect(() => expectNoPhones(JSON.stringify({ note: leak }), [p]), leak).toThrow();
    }
    expect(() => expectNoPhones(JSON.stringify({ mask: '138****3210' }), [p])).not.toThrow();
  });

  it('a refused phone is not stored either, and the HMAC key cannot be read back', async () => {
    await command({ op: 'createWorkspace', name: 'A', mainAccount: { guangguangId: '2210000003' } });
    const bad = await h['ledger:command'](
      {
        op: 'createWorkspace',
        name: 'B',
        mainAccount: { guangguangId: '2210000004', phone: '138765432109' },
      },
      panel,
    );
    expect(bad.ok).toBe(false);
    expectNoPhones(await everythingAtRest(), ['13876543210', '38765432109']);

    await command({
      op: 'upsertAccount',
      workspaceId: (await ledger().workspaces.toArray())[0]!.id,
      account: { guangguangId: '3310000001', phone: '13800138000' },
    });
    const key = (await ledger().meta.get('hmacKey'))?.value;
    expect(key).toBeInstanceOf(CryptoKey);
    expect((key as CryptoKey).extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key as CryptoKey)).rejects.toThrow();
  });
});

describe('exports leave phones out unless asked', () => {
  it('JSON: no masks, hashes or key id by default; masks + hashes (never numbers) with includePhones', async () => {
    await buildThroughBackground();
    await inviteThroughPage();
    const db = ledger();
    const stored = await db.accounts.toArray();
    const masks = stored.map((a) => a.phoneMask).filter((m): m is string => !!m);
    const hashes = stored.map((a) => a.phoneHash).filter((m): m is string => !!m);
    expect(masks.length).toBeGreaterThan(5);

    const plain = await exportJson(db, { now: NOW });
    const b = JSON.parse(plain) as LedgerBackup;
    expect(b.phonesIncluded).toBe(false);
    expect(b.phoneKeyId).toBeNull();
    for (const a of b.accounts) expect([a.phoneMask, a.phoneHash]).toEqual([null, null]);
    for (const e of b.events.filter((x) => x.field === 'phone')) expect([e.from, e.to]).toEqual([null, null]);
    expect(plain).not.toMatch(/1\d{2}\*{4}\d{4}/);
    for (const h of hashes) expect(plain).not.toContain(h);
    expectNoPhones(plain, ALL_NORMAL);

    const withPhones = await exportJson(db, { now: NOW, includePhones: true });
    const w = JSON.parse(withPhones) as LedgerBackup;
    expect(w.phonesIncluded).toBe(true);
    expect(w.phoneKeyId).toMatch(/^[0-9a-f]{16}$/);
    for (const m of masks) expect(withPhones).toContain(m);
    for (const h of hashes) expect(withPhones).toContain(h);
    expectNoPhones(withPhones, ALL_NORMAL);
  });

  it('CSV: no phone columns by default; mask and hash columns (never numbers) with includePhones', async () => {
    await buildThroughBackground();
    await inviteThroughPage();
    const db = ledger();
    const hashes = (await db.accounts.toArray()).map((a) => a.phoneHash).filter((m): m is string => !!m);

    const plain = await exportCsv(db);
    expect(plain).not.toContain('手机号');
    expect(plain).not.toMatch(/1\d{2}\*{4}\d{4}/);
    for (const h of hashes) expect(plain).not.toContain(h);
    expectNoPhones(plain, ALL_NORMAL);

    const withPhones = await exportCsv(db, { includePhones: true });
    expect(withPhones.split('\r\n')[0]).toContain('手机号（掩码）');
    expect(withPhones).toContain('131****1864');
    for (const h of hashes) expect(withPhones).toContain(h);
    expectNoPhones(withPhones, ALL_NORMAL);
  });
});
