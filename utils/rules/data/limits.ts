/**
 * Publish-form limits, from platform.md §3.6 (video) and the image-text paragraph below it.
 * How the platform counts length is unknown: see `../text.ts` for how we count and why.
 */
export const PUBLISH_LIMITS = {
  /** 标题, video and image-text. */
  titleMax: 30,
  /** 描述 / 正文 (a rich-text editor), including its #tag tokens. */
  descriptionMax: 1000,
  /** 内容标签 chosen from the panel. */
  tagsMax: 4,
  /** 关联商品, picked in a dialog; never together with a 店铺. */
  productsMax: 6,
  /** Image-text posts. */
  imagesMin: 1,
  imagesMax: 9,
} as const;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * 定时发布: Beijing time, at least 2 hours and at most 30 days ahead (30 × 24 h, our reading). The real
 * date picker greys out the days outside about that window (observed 2026, unverified).
 */
export const SCHEDULE_LIMITS = {
  minAheadMs: 2 * HOUR,
  maxAheadMs: 30 * DAY,
  /** Within this margin above the minimum we warn: the form may be submitted minutes later. */
  nearMinimumMarginMs: 10 * MINUTE,
  /** Beijing time is UTC+8 all year (no daylight saving). */
  beijingOffsetMinutes: 8 * 60,
} as const;
