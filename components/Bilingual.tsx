import type { Bi } from '@/utils/guides/pages';

/** Chinese first, English beneath it in a smaller, quieter line. */
export function Bilingual({ text, as: Tag = 'p' }: { text: Bi; as?: 'p' | 'span' | 'h2' | 'h3' | 'li' }) {
  return (
    <Tag className="bi">
      <span lang="zh-CN">{text.zh}</span>
      <span lang="en" className="en">
        {text.en}
      </span>
    </Tag>
  );
}
