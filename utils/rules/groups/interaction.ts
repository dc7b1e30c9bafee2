/** 代理互动: comment, reply, like as the matrix account (seed-001). */
import { defineRule } from '../engine.ts';
import { quote } from '../text.ts';

export const interactionRules = [
  defineRule({
    id: 'interaction.action.unknown',
    kinds: ['proxy-interaction'],
    severity: 'block',
    field: 'action',
    source: 'seed-001',
    when: { zh: '互动类型不是评论、回复或点赞', en: 'The interaction is not a comment, reply or like' },
    message: {
      zh: '代理互动只包括评论、回复和点赞，「{action}」不在其中。',
      en: 'Proxy interaction covers comments, replies and likes only; “{action}” is not one of them.',
    },
    check: (s) => (s.action === null ? { params: { action: quote(s.rawAction.trim()) || '—' } } : null),
  }),

  defineRule({
    id: 'interaction.text.required',
    kinds: ['proxy-interaction'],
    severity: 'block',
    field: 'text',
    source: 'seed-001',
    when: { zh: '评论或回复的内容是空的', en: 'A comment or reply has no text' },
    message: { zh: '评论或回复的内容不能为空。', en: 'A comment or reply needs some text.' },
    check: (s) => (s.action === 'comment' || s.action === 'reply') && s.text.trim() === '',
  }),
];
