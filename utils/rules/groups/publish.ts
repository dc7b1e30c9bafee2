/** The publish forms: video and image-text (platform.md §3.6). */
import { DECLARATIONS } from '../data/declarations.ts';
import { PUBLISH_LIMITS, SCHEDULE_LIMITS } from '../data/limits.ts';
import { defineRule, type CheckEnv } from '../engine.ts';
import { formatBeijing, parseScheduleTime, type ParsedTime } from '../schedule.ts';
import { clean, graphemeLength, joinEn, joinZh, quote, utf16Length } from '../text.ts';
import type { CleanPublish } from '../coerce.ts';
import type { Source } from '../types.ts';

const VIDEO_AND_IMAGE = ['proxy-publish-video', 'proxy-publish-image'] as const;
/** A 批量发布 has one 创作者声明 for all its items: checked once, on the batch. */
const WITH_DECLARATION = [...VIDEO_AND_IMAGE, 'batch-publish'] as const;

const COUNTING = {
  zh: '按字计数：每个汉字、字母、数字、标点、空格、emoji 各算 1 个字',
  en: 'counted per character as a reader sees it: each 汉字, letter, digit, punctuation mark, space and emoji counts 1',
};

const FORMAT_HINT = {
  zh: '北京时间「YYYY/MM/DD HH:mm」，例如 2025/06/01 14:30',
  en: 'Beijing time “YYYY/MM/DD HH:mm”, e.g. 2025/06/01 14:30',
};

/** The schedule window as observed on the real date picker (it greys out the days outside it). */
const WINDOW_SOURCE: Source = 'platform.md §3.6 (observed, unverified)';
const WINDOW_NOTE = {
  zh: '平台的日期选择器会把大约“现在起 2 小时”到“30 天后”以外的日期置灰（公开脚本观察到的，未经证实）。',
  en: 'The platform’s date picker greys out the days outside about “2 hours from now” to “30 days ahead” (observed in public scripts, unverified).',
};

/** What was read as the time, without the white space and zero-width characters around it. */
const readTime = (raw: string) => clean(raw).replace(/[\u200B-\u200D\u2060\uFEFF]/g, '');

function scheduledAt(s: CleanPublish, env: CheckEnv): { raw: string; parsed: ParsedTime | null } | null {
  if (s.schedule.mode !== 'scheduled') return null;
  const raw = s.schedule.at;
  return { raw, parsed: env.memo('schedule', () => parseScheduleTime(raw)) };
}

function declarationKey(s: string): string {
  return clean(s)
    .replace(/[\s，,。.、;；:：]/g, '')
    .toLowerCase();
}

function matchDeclaration(raw: string): boolean {
  const key = declarationKey(raw);
  if (key === '') return false;
  return DECLARATIONS.some((d) => {
    const label = declarationKey(d.label.zh);
    return key === label || key === d.id || key.includes(label);
  });
}

function lengthRules(
  field: 'title' | 'description',
  max: number,
  label: { zh: string; en: string },
  source: Source = 'platform.md §3.6',
) {
  return [
    defineRule({
      id: `publish.${field}.too-long`,
      kinds: VIDEO_AND_IMAGE,
      severity: 'block',
      field,
      source,
      when: {
        zh: `${label.zh}超过 ${max} 个字（${COUNTING.zh}）`,
        en: `The ${label.en} is longer than ${max} characters (${COUNTING.en})`,
      },
      message: {
        zh: `${label.zh}有 {count} 个字，最多 ${max} 个（${COUNTING.zh}）。请删掉 {over} 个字。`,
        en: `The ${label.en} has {count} characters; at most ${max} are allowed (${COUNTING.en}). Remove {over}.`,
      },
      assumption: {
        zh: '平台怎样计数没有公开。助手按用户看到的字符（字素簇）计数，这是最宽松的算法；按它超长，按任何算法都超长。',
        en: 'How the platform counts is not published. The assistant counts user-perceived characters (grapheme clusters), the most lenient count: too long by it is too long by any count.',
      },
      check: (s, env) => {
        const count = env.memo(`graphemes:${field}`, () => graphemeLength(s[field]));
        return count > max ? { params: { count: String(count), over: String(count - max) } } : null;
      },
    }),
    defineRule({
      id: `publish.${field}.length-uncertain`,
      kinds: VIDEO_AND_IMAGE,
      severity: 'warn',
      field,
      source: 'platform.md §6',
      when: {
        zh: `${label.zh}按字数不超过 ${max}，但含 emoji 等特殊字符，按 UTF-16 计数会超过`,
        en: `The ${label.en} is within ${max} characters but, because of emoji or other special characters, over it in UTF-16 units`,
      },
      message: {
        zh: `${label.zh}有 {count} 个字，没有超过 ${max}；但其中的 emoji 或特殊字符在一些计数方式下算 2 个或更多，那样会变成 {units} 个。如果平台提示超长，请删掉或替换这些字符。`,
        en: `The ${label.en} has {count} characters, within ${max}; but its emoji or special characters count 2 or more in some counting schemes, which makes {units}. If the platform says it is too long, remove or replace them.`,
      },
      check: (s, env) => {
        const count = env.memo(`graphemes:${field}`, () => graphemeLength(s[field]));
        const units = utf16Length(s[field]);
        return count <= max && units > max
          ? { params: { count: String(count), units: String(units) } }
          : null;
      },
    }),
  ];
}

export const publishRules = [
  ...lengthRules('title', PUBLISH_LIMITS.titleMax, { zh: '标题', en: 'title' }),
  ...lengthRules(
    'description',
    PUBLISH_LIMITS.descriptionMax,
    { zh: '描述（含 #话题标签）', en: 'description (including #tags)' },
    // Observed 2026 (public scripts driving the real 发布器): a rich-text editor, 1000 with its #tag tokens.
    'platform.md §3.6 (observed)',
  ),

  defineRule({
    id: 'publish.tags.too-many',
    kinds: VIDEO_AND_IMAGE,
    severity: 'block',
    field: 'tags',
    source: 'platform.md §3.6',
    when: {
      zh: `内容标签超过 ${PUBLISH_LIMITS.tagsMax} 个（不同的、非空的标签）`,
      en: `More than ${PUBLISH_LIMITS.tagsMax} distinct non-empty content tags`,
    },
    message: {
      zh: `选了 {count} 个内容标签，最多 ${PUBLISH_LIMITS.tagsMax} 个。请去掉 {over} 个。`,
      en: `{count} content tags are selected; at most ${PUBLISH_LIMITS.tagsMax} are allowed. Remove {over}.`,
    },
    check: (s) => {
      const count = new Set(s.tags.map(clean).filter(Boolean)).size;
      const max = PUBLISH_LIMITS.tagsMax;
      return count > max ? { params: { count: String(count), over: String(count - max) } } : null;
    },
  }),

  defineRule({
    id: 'publish.products.too-many',
    kinds: VIDEO_AND_IMAGE,
    severity: 'block',
    field: 'products',
    source: 'platform.md §3.6',
    when: {
      zh: `关联商品超过 ${PUBLISH_LIMITS.productsMax} 个（不同的、非空的商品）`,
      en: `More than ${PUBLISH_LIMITS.productsMax} distinct non-empty linked products`,
    },
    message: {
      zh: `关联了 {count} 个商品，最多 ${PUBLISH_LIMITS.productsMax} 个。请去掉 {over} 个。`,
      en: `{count} products are linked; at most ${PUBLISH_LIMITS.productsMax} are allowed. Remove {over}.`,
    },
    check: (s) => {
      const count = new Set(s.products.map(clean).filter(Boolean)).size;
      const max = PUBLISH_LIMITS.productsMax;
      return count > max ? { params: { count: String(count), over: String(count - max) } } : null;
    },
  }),

  defineRule({
    id: 'publish.products.with-shop',
    kinds: VIDEO_AND_IMAGE,
    severity: 'block',
    field: 'products',
    source: 'platform.md §3.6 (observed)',
    when: {
      zh: '关联商品里同时选了商品和店铺',
      en: 'Linked products (关联商品) combine products (商品) and a shop (店铺)',
    },
    message: {
      zh: '同时关联了商品（{items}）和店铺（{shops}）。商品和店铺不能同时关联：请只保留其中一类。',
      en: 'Both products ({items}) and a shop ({shops}) are linked. Products and shops cannot be combined: keep only one kind.',
    },
    check: (s) => {
      const items = s.products.map(clean).filter(Boolean);
      const shops = s.shops.map(clean).filter(Boolean);
      if (items.length === 0 || shops.length === 0) return null;
      return {
        params: {
          items: { zh: joinZh(items.map((x) => quote(x))), en: joinEn(items.map((x) => quote(x))) },
          shops: { zh: joinZh(shops.map((x) => quote(x))), en: joinEn(shops.map((x) => quote(x))) },
        },
      };
    },
  }),

  defineRule({
    id: 'publish.products.duplicate',
    kinds: VIDEO_AND_IMAGE,
    severity: 'block',
    field: 'products',
    source: 'platform.md §3.6',
    when: { zh: '同一个商品关联了不止一次', en: 'The same product is linked more than once' },
    message: {
      zh: '这些商品重复关联了：{items}。每个商品只能关联一次，请删掉重复的。',
      en: 'These products are linked more than once: {items}. Each product may be linked once: remove the duplicates.',
    },
    check: (s) => {
      const seen = new Set<string>();
      const dup = new Set<string>();
      for (const p of s.products.map(clean).filter(Boolean)) {
        if (seen.has(p)) dup.add(p);
        seen.add(p);
      }
      if (dup.size === 0) return null;
      return { params: { items: { zh: joinZh([...dup]), en: joinEn([...dup]) } } };
    },
  }),

  defineRule({
    id: 'publish.topic.chosen',
    kinds: VIDEO_AND_IMAGE,
    severity: 'info',
    field: 'topics',
    source: 'platform.md §3.6 (observed)',
    when: {
      zh: '选了话题（话题选择里只能选一个）',
      en: 'A topic (话题) is chosen (话题选择 takes one)',
    },
    message: {
      zh: '这次发布参与的话题：{topic}。话题选择里每个作品只能选一个话题。',
      en: 'This post joins the topic {topic}. 话题选择 takes one topic per post.',
    },
    check: (s) => {
      const topics = [...new Set(s.topics.map(clean).filter(Boolean))];
      if (topics.length !== 1) return null;
      return { params: { topic: `#${quote(topics[0]!)}` } };
    },
  }),

  defineRule({
    id: 'publish.topic.several',
    kinds: VIDEO_AND_IMAGE,
    severity: 'warn',
    field: 'topics',
    source: 'platform.md §3.6 (observed)',
    when: {
      zh: '读到不止一个话题（话题选择里只能选一个）',
      en: 'More than one topic (话题) was read (话题选择 takes one)',
    },
    message: {
      zh: '读到了 {count} 个话题：{topics}。平台的话题选择只能选一个，请在表单上只留一个。',
      en: '{count} topics were read: {topics}. The platform’s 话题选择 takes one: keep one on the form.',
    },
    assumption: {
      zh: '真实表单上只能选一个话题；读到多个说明表单变了或读错了，所以只提醒。',
      en: 'The real form lets one topic be chosen; several means the form changed or was misread, so it only warns.',
    },
    check: (s) => {
      const topics = [...new Set(s.topics.map(clean).filter(Boolean))].map((t) => `#${quote(t)}`);
      if (topics.length < 2) return null;
      return { params: { count: String(topics.length), topics: { zh: joinZh(topics), en: joinEn(topics) } } };
    },
  }),

  defineRule({
    id: 'publish.declaration.required',
    kinds: WITH_DECLARATION,
    // The real form always has one chosen (the first, 内容无需标注, by default: platform.md, observed
    // pages): "none" means we could not read it, so it is checked by the user, never blocked.
    severity: 'warn',
    field: 'declaration',
    source: 'platform.md §3.6',
    when: {
      zh: '读不到选中的创作者声明',
      en: 'The chosen creator declaration (创作者声明) could not be read',
    },
    message: {
      zh: '没有读到选中的创作者声明（平台默认选中「内容无需标注」）：请在表单上核对是否选对：{options}。',
      en: 'The chosen creator declaration (创作者声明) could not be read (the platform preselects 内容无需标注): check on the form that the right one is chosen: {options}.',
    },
    check: (s) =>
      s.declaration.trim() === ''
        ? {
            params: {
              options: {
                zh: joinZh(DECLARATIONS.map((d) => d.label.zh)),
                en: joinEn(DECLARATIONS.map((d) => `${d.label.zh} (${d.label.en})`)),
              },
            },
          }
        : null,
  }),

  defineRule({
    id: 'publish.declaration.unknown',
    kinds: WITH_DECLARATION,
    severity: 'warn',
    field: 'declaration',
    source: 'platform.md §3.6',
    when: {
      zh: '创作者声明不是已知的六个选项之一',
      en: 'The creator declaration is not one of the six known options',
    },
    message: {
      zh: '创作者声明「{value}」不是助手已知的选项（{options}），可能没有读对。请在页面上确认已选中一项声明。',
      en: 'The declaration “{value}” is not an option the assistant knows ({options}); it may have been misread. Make sure one declaration is selected on the page.',
    },
    assumption: {
      zh: '平台可能新增选项，所以不认识的声明只提醒，不拦截。',
      en: 'The platform may add options, so an unknown declaration warns instead of blocking.',
    },
    check: (s) => {
      if (s.declaration.trim() === '' || matchDeclaration(s.declaration)) return null;
      return {
        params: {
          value: quote(s.declaration.trim()),
          options: {
            zh: joinZh(DECLARATIONS.map((d) => d.label.zh)),
            en: joinEn(DECLARATIONS.map((d) => d.label.zh)),
          },
        },
      };
    },
  }),

  defineRule({
    id: 'publish.schedule.unread',
    kinds: VIDEO_AND_IMAGE,
    // The time comes from the platform's date picker, read by the assistant. None read (a picker it
    // does not know, or no time chosen yet) is its own limit, never the user's error: it says so and
    // the submit goes on; the platform checks the time itself.
    severity: 'info',
    field: 'schedule.at',
    source: 'platform.md §3.6',
    when: {
      zh: '选了定时发布，但助手没有读到时间（不认识的日期选择器，或还没选时间）',
      en: 'Scheduled publishing is chosen but the assistant read no time (a date picker it does not know, or no time chosen yet)',
    },
    message: {
      zh: '助手没有读到定时发布的时间，所以没有检查它是否在 2 小时到 30 天之后。请在日期选择器里核对时间；平台提交时也会检查。',
      en: 'The assistant could not read the scheduled time, so it did not check that it is 2 hours to 30 days ahead. Check the time in the date picker; the platform checks it on submit too.',
    },
    check: (s) => s.schedule.mode === 'scheduled' && readTime(s.schedule.at) === '',
  }),

  defineRule({
    id: 'publish.schedule.unparseable',
    kinds: VIDEO_AND_IMAGE,
    // A value the assistant cannot read as a time (an odd format, no such date) is its own limit too:
    // a clear note, no hold.
    severity: 'info',
    field: 'schedule.at',
    source: 'platform.md §3.6 (observed)',
    when: {
      zh: '定时发布的时间读不出来（格式不认识或日期不存在）',
      en: 'The scheduled time cannot be read (unknown format, or no such date)',
    },
    message: {
      zh: '读不出定时发布时间「{value}」（助手认识{format}），所以没有检查它。请在日期选择器里核对；平台提交时也会检查。',
      en: 'The scheduled time “{value}” cannot be read (the assistant reads {format}), so it was not checked. Check it in the date picker; the platform checks it on submit too.',
    },
    check: (s, env) => {
      const at = scheduledAt(s, env);
      if (!at || at.parsed || readTime(at.raw) === '') return null;
      return { params: { value: quote(readTime(at.raw)), format: FORMAT_HINT } };
    },
  }),

  defineRule({
    id: 'publish.schedule.no-clock',
    kinds: VIDEO_AND_IMAGE,
    severity: 'warn',
    field: 'schedule.at',
    source: 'platform.md §3.6',
    when: { zh: '检查时没有拿到当前时间', en: 'The check was given no current time' },
    message: {
      zh: '助手没有拿到当前时间，无法检查定时发布时间是否在 2 小时到 30 天之后。请自行核对。',
      en: 'The assistant was given no current time, so it cannot check that the scheduled time is 2 hours to 30 days ahead. Check it yourself.',
    },
    check: (s, env) => {
      const at = scheduledAt(s, env);
      return !!at?.parsed && !Number.isFinite(env.ctx.now);
    },
  }),

  defineRule({
    id: 'publish.schedule.too-soon',
    kinds: VIDEO_AND_IMAGE,
    severity: 'block',
    field: 'schedule.at',
    source: WINDOW_SOURCE,
    when: {
      zh: '定时发布时间早于现在起 2 小时（含已经过去的时间）',
      en: 'The scheduled time is less than 2 hours from now (or in the past)',
    },
    message: {
      zh: '定时发布时间 {at}（北京时间）离现在不到 2 小时。定时发布至少要在 2 小时之后，最早可选 {earliest}；或改为立即发布。',
      en: 'The scheduled time {at} (Beijing time) is less than 2 hours from now. It must be at least 2 hours ahead: {earliest} at the earliest; or publish now.',
    },
    assumption: WINDOW_NOTE,
    check: (s, env) => {
      const at = scheduledAt(s, env);
      const now = env.ctx.now;
      if (!at?.parsed || !Number.isFinite(now)) return null;
      if (at.parsed.at - now >= SCHEDULE_LIMITS.minAheadMs) return null;
      // The earliest whole minute at or after now + 2 h.
      const earliest = Math.ceil((now + SCHEDULE_LIMITS.minAheadMs) / 60_000) * 60_000;
      return { params: { at: formatBeijing(at.parsed.at), earliest: formatBeijing(earliest) } };
    },
  }),

  defineRule({
    id: 'publish.schedule.too-far',
    kinds: VIDEO_AND_IMAGE,
    severity: 'block',
    field: 'schedule.at',
    source: WINDOW_SOURCE,
    when: {
      zh: '定时发布时间晚于现在起 30 天（30×24 小时）',
      en: 'The scheduled time is more than 30 days (30 × 24 h) from now',
    },
    message: {
      zh: '定时发布时间 {at}（北京时间）超过了 30 天。最晚可选 {latest}。',
      en: 'The scheduled time {at} (Beijing time) is more than 30 days ahead. The latest allowed is {latest}.',
    },
    assumption: {
      zh: `“30 天”按从现在起 30×24 小时计算。${WINDOW_NOTE.zh}`,
      en: `“30 days” is read as 30 × 24 hours from now. ${WINDOW_NOTE.en}`,
    },
    check: (s, env) => {
      const at = scheduledAt(s, env);
      const now = env.ctx.now;
      if (!at?.parsed || !Number.isFinite(now)) return null;
      if (at.parsed.at - now <= SCHEDULE_LIMITS.maxAheadMs) return null;
      const latest = Math.floor((now + SCHEDULE_LIMITS.maxAheadMs) / 60_000) * 60_000;
      return { params: { at: formatBeijing(at.parsed.at), latest: formatBeijing(latest) } };
    },
  }),

  defineRule({
    id: 'publish.schedule.near-minimum',
    kinds: VIDEO_AND_IMAGE,
    severity: 'warn',
    field: 'schedule.at',
    source: 'platform.md §3.6',
    when: {
      zh: '定时发布时间只比 2 小时的下限多不到 10 分钟',
      en: 'The scheduled time is less than 10 minutes above the 2-hour minimum',
    },
    message: {
      zh: '定时发布时间 {at}（北京时间）只比最早可选时间多 {margin} 分钟。如果提交晚了几分钟，平台可能会拒绝；建议再往后选一点。',
      en: 'The scheduled time {at} (Beijing time) is only {margin} minutes past the earliest allowed. If the form is submitted a few minutes later the platform may reject it; consider a later time.',
    },
    check: (s, env) => {
      const at = scheduledAt(s, env);
      const now = env.ctx.now;
      if (!at?.parsed || !Number.isFinite(now)) return null;
      const ahead = at.parsed.at - now;
      const { minAheadMs, nearMinimumMarginMs } = SCHEDULE_LIMITS;
      if (ahead < minAheadMs || ahead >= minAheadMs + nearMinimumMarginMs) return null;
      return {
        params: {
          at: formatBeijing(at.parsed.at),
          margin: String(Math.floor((ahead - minAheadMs) / 60_000)),
        },
      };
    },
  }),

  defineRule({
    id: 'publish.schedule.timezone',
    kinds: VIDEO_AND_IMAGE,
    severity: 'info',
    field: 'schedule.at',
    source: 'platform.md §3.6',
    when: {
      zh: '填写的时间带有北京时间以外的时区',
      en: 'The typed time carries a time zone other than Beijing time',
    },
    message: {
      zh: '你填的时间带有时区（{offset}），换成北京时间是 {at}。平台的定时发布按北京时间填写。',
      en: 'The time you typed carries a time zone ({offset}); in Beijing time it is {at}. The platform’s schedule is in Beijing time.',
    },
    check: (s, env) => {
      const at = scheduledAt(s, env);
      const off = at?.parsed?.typedOffsetMinutes;
      if (!at?.parsed || off === null || off === undefined || off === SCHEDULE_LIMITS.beijingOffsetMinutes)
        return null;
      const sign = off < 0 ? '-' : '+';
      const abs = Math.abs(off);
      const offset = `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      return { params: { offset, at: formatBeijing(at.parsed.at) } };
    },
  }),

  defineRule({
    id: 'publish.image.count',
    kinds: ['proxy-publish-image'],
    severity: 'block',
    field: 'images',
    source: 'platform.md §3.6',
    when: {
      zh: `图文的图片少于 ${PUBLISH_LIMITS.imagesMin} 张或多于 ${PUBLISH_LIMITS.imagesMax} 张`,
      en: `An image-text post has fewer than ${PUBLISH_LIMITS.imagesMin} or more than ${PUBLISH_LIMITS.imagesMax} images`,
    },
    message: {
      zh: `图文需要 ${PUBLISH_LIMITS.imagesMin}–${PUBLISH_LIMITS.imagesMax} 张图片，现在是 {count} 张。`,
      en: `An image-text post needs ${PUBLISH_LIMITS.imagesMin}–${PUBLISH_LIMITS.imagesMax} images; it has {count}.`,
    },
    check: (s) => {
      if (s.images === null) return null;
      const ok =
        Number.isInteger(s.images) &&
        s.images >= PUBLISH_LIMITS.imagesMin &&
        s.images <= PUBLISH_LIMITS.imagesMax;
      return ok ? null : { params: { count: String(s.images) } };
    },
  }),

  defineRule({
    id: 'publish.image.count-unknown',
    kinds: ['proxy-publish-image'],
    severity: 'warn',
    field: 'images',
    source: 'platform.md §3.6',
    when: { zh: '没有读到图文的图片数量', en: 'The number of images of an image-text post was not read' },
    message: {
      zh: `助手没有读到图片数量。图文需要 ${PUBLISH_LIMITS.imagesMin}–${PUBLISH_LIMITS.imagesMax} 张图片，请自行核对。`,
      en: `The assistant could not read the number of images. An image-text post needs ${PUBLISH_LIMITS.imagesMin}–${PUBLISH_LIMITS.imagesMax}: check it yourself.`,
    },
    assumption: {
      zh: '图片数缺失（不是 0）表示页面没读到，只提醒；读到 0 张才拦截。',
      en: 'A missing image count (as opposed to 0) means the page was not read, so it only warns; 0 images blocks.',
    },
    check: (s) => s.images === null,
  }),

  defineRule({
    id: 'publish.image.text-required',
    kinds: ['proxy-publish-image'],
    severity: 'block',
    field: 'title',
    source: 'platform.md §3.6',
    when: { zh: '图文的标题和正文都是空的', en: 'An image-text post has neither a title nor a body' },
    message: {
      zh: '图文的标题和正文不能都为空，请至少填写一项。',
      en: 'An image-text post needs a title or a body (or both): fill in at least one.',
    },
    check: (s) => s.title.trim() === '' && s.description.trim() === '',
  }),
];
