/** Personal-info confirmation at first login (seed-000, platform.md §3.2). */
import { IDENTITY_LABELS } from '../data/labels.ts';
import { defineRule } from '../engine.ts';
import { clean, quote } from '../text.ts';
import { deriveTmallNickname, storeTypeOf } from '../tmall-nickname.ts';

const NOT_DERIVABLE = {
  zh: '（助手无法从店铺名推出，请以页面显示为准）',
  en: '(the assistant cannot derive it from the store name; go by what the page shows)',
};

export const nicknameRules = [
  defineRule({
    id: 'nickname.required',
    kinds: ['nickname-confirm'],
    severity: 'block',
    field: 'nickname',
    source: 'platform.md §3.2',
    when: { zh: '昵称是空的', en: 'The nickname is empty' },
    message: { zh: '请填写昵称后再确认。', en: 'Enter a nickname before confirming.' },
    check: (s) => s.nickname.trim() === '' && s.identity !== 'tmall-merchant',
    assumption: {
      zh: '天猫商家的昵称由平台按店铺名生成，页面上可能没有可填的昵称框，所以对天猫商家不检查空昵称。',
      en: 'A Tmall merchant’s nickname is generated from the store name and the page may have no nickname box, so an empty nickname is not flagged for Tmall merchants.',
    },
  }),

  defineRule({
    id: 'nickname.unified',
    kinds: ['nickname-confirm'],
    severity: 'info',
    source: 'seed-000',
    when: { zh: '确认个人信息时（机构除外）', en: 'When confirming personal info (not institutions)' },
    message: {
      zh: '确认后，你的昵称和头像会在逛逛和直播统一使用。',
      en: 'Once confirmed, your nickname and avatar are used for both 逛逛 and live broadcast.',
    },
    check: (s) => s.identity !== 'institution',
  }),

  defineRule({
    id: 'nickname.live-room-april',
    kinds: ['nickname-confirm'],
    severity: 'info',
    field: 'nickname',
    source: 'seed-000',
    when: {
      zh: '达人或淘宝商家确认个人信息时',
      en: 'When an expert or a Taobao merchant confirms personal info',
    },
    message: {
      zh: '{identity}：确认后，新的昵称和头像会显示在逛逛浏览页和个人主页；如果和直播间现在用的不一致，直播间要到四月才改为新信息（2021 年说明中的时间）。{store}',
      en: '{identity}: once confirmed, the new nickname and avatar show on browse and your homepage; if they differ from your live room, the live room switches in April (the date in the 2021 notice).{store}',
    },
    check: (s) => {
      if (s.identity !== 'expert' && s.identity !== 'taobao-merchant') return null;
      return {
        params: {
          identity: IDENTITY_LABELS[s.identity],
          store:
            s.identity === 'taobao-merchant'
              ? { zh: '店铺里展示的信息不受影响。', en: ' Your store’s own display is not affected.' }
              : '',
        },
      };
    },
  }),

  defineRule({
    id: 'nickname.tmall.irreversible',
    kinds: ['nickname-confirm'],
    severity: 'warn',
    field: 'nickname',
    source: 'seed-000',
    when: { zh: '天猫商家确认个人信息时', en: 'When a Tmall merchant confirms personal info' },
    message: {
      zh: '天猫商家的昵称按天猫店铺名统一生成，确认后不能再修改。按规则你的昵称应为：{derived}。请核对后再确认。',
      en: 'A Tmall merchant’s nickname is generated from the Tmall store name and cannot be changed after confirming. By the rule it should be: {derived}. Check it before you confirm.',
    },
    check: (s) => {
      if (s.identity !== 'tmall-merchant') return null;
      const derived = deriveTmallNickname(s.storeName);
      return { params: { derived: derived ? `「${derived}」` : NOT_DERIVABLE } };
    },
  }),

  defineRule({
    id: 'nickname.tmall.differs',
    kinds: ['nickname-confirm'],
    severity: 'warn',
    field: 'nickname',
    source: 'seed-000',
    when: {
      zh: '天猫商家填写/显示的昵称和按店铺名推出的昵称不一致',
      en: 'A Tmall merchant’s typed or shown nickname differs from the one derived from the store name',
    },
    message: {
      zh: '昵称「{typed}」和按店铺名「{store}」推出的「{derived}」不一致。天猫昵称确认后不能修改，请核对后再确认。',
      en: 'The nickname “{typed}” differs from “{derived}”, which the rule derives from the store name “{store}”. A Tmall nickname cannot be changed after confirming: check before you confirm.',
    },
    check: (s) => {
      if (s.identity !== 'tmall-merchant') return null;
      const derived = deriveTmallNickname(s.storeName);
      const typed = clean(s.nickname).replace(/\s+/g, '');
      if (!derived || typed === '' || typed === derived) return null;
      return { params: { typed: quote(s.nickname.trim()), store: quote(clean(s.storeName)), derived } };
    },
  }),

  defineRule({
    id: 'nickname.tmall.store-type-uncovered',
    kinds: ['nickname-confirm'],
    severity: 'info',
    field: 'storeName',
    source: 'seed-000',
    when: {
      zh: '天猫店铺不是官方旗舰店、专卖店或专营店（如不带“官方”的旗舰店、天猫国际、卖场型旗舰店、企业店）',
      en: 'The Tmall store is not an official flagship, 专卖店 or 专营店 store (e.g. a flagship store without 官方, Tmall Global, marketplace-type flagship, enterprise store)',
    },
    message: {
      zh: '店铺「{store}」是{type}。平台说明只给出了官方旗舰店（XXXX官方旗舰店 → XXXX天猫官方）和专卖店/专营店（去掉“店”字）的命名规则，没有覆盖这种店铺，助手无法推出你的昵称。请以页面显示为准，确认后不能修改。',
      en: 'The store “{store}” is {type}. The platform’s notice only gives the naming rule for official flagship stores (XXXX官方旗舰店 → XXXX天猫官方) and 专卖店/专营店 stores (drop 店); it does not cover this store type, so the assistant cannot derive your nickname. Go by what the page shows: it cannot be changed after confirming.',
    },
    check: (s) => {
      if (s.identity !== 'tmall-merchant' || clean(s.storeName) === '') return null;
      if (deriveTmallNickname(s.storeName) !== null) return null;
      const type = storeTypeOf(s.storeName);
      return {
        params: {
          store: quote(clean(s.storeName)),
          type: type
            ? { zh: type.label.zh, en: `a ${type.label.en}` }
            : { zh: '助手没有识别出的店铺类型', en: 'of a type the assistant does not recognise' },
        },
      };
    },
  }),

  defineRule({
    id: 'nickname.tmall.store-name-missing',
    kinds: ['nickname-confirm'],
    severity: 'info',
    field: 'storeName',
    source: 'seed-000',
    when: { zh: '天猫商家，但没有读到店铺名', en: 'A Tmall merchant, but the store name was not read' },
    message: {
      zh: '没有读到天猫店铺名，助手无法核对昵称。规则是：XXXX官方旗舰店 → XXXX天猫官方；专卖店/专营店 → 店铺名去掉“店”字。请自行核对，确认后不能修改。',
      en: 'The Tmall store name was not found, so the assistant cannot check the nickname. The rule: XXXX官方旗舰店 → XXXX天猫官方; 专卖店/专营店 → the store name without 店. Check it yourself: it cannot be changed after confirming.',
    },
    check: (s) => s.identity === 'tmall-merchant' && clean(s.storeName) === '',
  }),
];
