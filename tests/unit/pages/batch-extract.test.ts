/**
 * Publishing for a creator on the institution platform, on saved pages of the mock: the 发布器's
 * 发布账号 names the creator (and 逛逛号) it publishes as, and a 批量发布 frame is read item by item.
 */
import { describe, expect, it } from 'vitest';
import { takeSnapshot } from '@/utils/pages/snapshot';
import {
  batchFromSnapshot,
  isBatchPublish,
  openedForOf,
  submissionFromSnapshot,
} from '@/utils/pages/extract';
import { findSubmit } from '@/utils/pages/submits';
import { recognisePage } from '@/utils/pages/recognise';
import { checkSubmission, emptyContext, verdictOf, withItemNamed } from '@/utils/rules';
import { load } from './saved-pages';

const FRAME = 'https://huodong.taobao.com/wow/z/guang/gg_publish/gg-video';
const BATCH_URL = `${FRAME}?ugc_scene=short_drama_multipublish&pageType=video&site=guangguang&from=mcn_batch&gid=4410000001`;
const SINGLE_URL = `${FRAME}?ugc_scene=pc_newcreator_video&pageType=video&site=guangguang&from=mcn&gid=4410000002`;

function button(root: ParentNode, text: string): Element {
  const b = [...root.querySelectorAll('button')].find((x) => x.textContent?.trim() === text);
  if (!b) throw new Error(`no button ${text}`);
  return b;
}

describe('publishing for a creator (institution platform)', () => {
  it('独立发布: 发布账号 names the creator and their 逛逛号', () => {
    const doc = load('mcn-publish-video-frame.html');
    const snap = takeSnapshot(doc, button(doc, '立即发布'), doc.title);
    expect(isBatchPublish(SINGLE_URL, snap)).toBe(false);
    expect(submissionFromSnapshot('proxy-publish-video', snap)).toMatchObject({
      kind: 'proxy-publish-video',
      creator: { guangguangId: '4410000002', nickname: '阿杰爱穿搭' },
    });
  });

  it('the 达人管理 row a page was opened for, from its address', () => {
    expect(
      openedForOf('https://mcn.guanghe.taobao.com/page/unify/ContentPublish?type=video&gid=4410000023'),
    ).toBe('4410000023');
    expect(
      openedForOf('https://mcn.guanghe.taobao.com/page/unify/ContentPublish?type=video'),
    ).toBeUndefined();
    expect(openedForOf('not a url')).toBeUndefined();
  });
});

describe('批量发布', () => {
  const doc = load('mcn-batch-frame.html');
  const submit = button(doc, '批量发布');

  it('is the 发布器 frame, its 批量发布 a held submit', () => {
    expect(recognisePage(doc, BATCH_URL)).toBe('publish-frame-video');
    expect(findSubmit(submit, BATCH_URL, 'publish-frame')?.sig.kind).toBe('proxy-publish-video');
  });

  it('reads every item in order: title, description, time (empty: now), one declaration, the creator', () => {
    const snap = takeSnapshot(doc, submit, doc.title);
    expect(isBatchPublish(BATCH_URL, snap)).toBe(true);
    const batch = batchFromSnapshot(snap);
    expect(batch).toMatchObject({
      kind: 'batch-publish',
      declaration: '内容无需标注',
      creator: { guangguangId: '4410000001', nickname: '小鹿爱穿搭' },
    });
    expect(batch.items.map((i) => i.title)).toEqual(['第一集 重逢', '第二集 误会', '第三集 真相']);
    expect(batch.items[0]).toMatchObject({ description: '他们在雨夜重逢 #短剧', schedule: { mode: 'now' } });
    expect(batch.items[1]!.schedule.mode).toBe('scheduled');
    expect(batch.items[2]!.schedule).toEqual({ mode: 'scheduled', at: '2026/02/30 25:00' });
  });

  it('a malformed time is a note on that item, named, never a hold', () => {
    const batch = batchFromSnapshot(takeSnapshot(doc, submit, doc.title));
    const at = batch.items[1]!.schedule;
    const now =
      at.mode === 'scheduled'
        ? Date.parse(at.at.replaceAll('/', '-').replace(' ', 'T') + ':00+08:00') - 3 * 86_400_000
        : NaN;
    const findings = checkSubmission(batch, emptyContext(now));
    expect(verdictOf(findings)).toBe('allow');
    const bad = findings.filter((f) => f.ruleId === 'publish.schedule.unparseable');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.item).toEqual({ index: 3, name: '第三集 真相' });
    expect(withItemNamed(bad[0]!).message.zh).toMatch(/^第 3 条「第三集 真相」：/);
    expect(withItemNamed(bad[0]!).message.en).toMatch(/^Item 3 “第三集 真相”: /);
  });

  it('a form without items gives none (the background then lets it go unchecked)', () => {
    const snap = takeSnapshot(doc, submit, doc.title);
    expect(batchFromSnapshot({ ...snap, fields: [] }).items).toEqual([]);
  });
});
