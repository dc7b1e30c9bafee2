import type { Term as LocalizedText } from './terms.ts';

/** 创作者声明: the options of the publish form (platform.md §3.6). One is required. */
export const DECLARATIONS: readonly {
  id: string;
  label: LocalizedText;
  /** What a checked option must contain to be this one, where the page may shorten the label. */
  word?: string;
}[] = [
  { id: 'none', label: { zh: '内容无需标注', en: 'No label needed' } },
  { id: 'ai', label: { zh: '含AI生成内容', en: 'Contains AI-generated content' } },
  { id: 'fiction', label: { zh: '含虚构演绎内容', en: 'Contains fictional or staged content' } },
  { id: 'repost', label: { zh: '内容为转载', en: 'Reposted content' } },
  {
    id: 'opinion',
    label: { zh: '个人观点，仅供参考', en: 'Personal opinion, for reference only' },
    word: '个人观点',
  },
  { id: 'marketing', label: { zh: '内容含营销信息', en: 'Contains marketing information' } },
];
