/**
 * Mainland China mobile number segments (号段) by operator, as data.
 *
 * Compiled from general knowledge of the MIIT allocations, not from an official list we can cite:
 * re-check it against the operators' announcements when a warning looks wrong. libphonenumber-js is
 * consulted as a second opinion (a number it calls a valid mobile is never reported "unallocated"),
 * so a segment missing here degrades to silence, not to a false warning.
 *
 * Shape (checked by tests/unit/rules/data-format.test.ts): every prefix is 3 or 4 digits starting
 * with 1, no prefix is a prefix of another (a 3-digit segment with 4-digit exceptions is split into
 * its ten 4-digit parts), and `lengths` says which number lengths the segment uses.
 */
export const SEGMENTS_AS_OF = '2025-06';

export type Operator =
  'china-mobile' | 'china-unicom' | 'china-telecom' | 'china-broadnet' | 'satellite' | 'various';

/**
 * `mobile`: ordinary phone numbers. `virtual`: virtual operators (虚拟运营商, MVNO) on a host network.
 * `data-only`: 上网卡 / data cards. `iot`: 物联网 numbers (some 13 digits long). `satellite`: satellite phones.
 */
export type SegmentCategory = 'mobile' | 'virtual' | 'data-only' | 'iot' | 'satellite';

export interface Segment {
  prefix: string;
  operator: Operator;
  category: SegmentCategory;
  lengths: readonly (11 | 13)[];
  note?: string;
}

const m = (prefix: string, operator: Operator, note?: string): Segment => ({
  prefix,
  operator,
  category: 'mobile',
  lengths: [11],
  ...(note ? { note } : {}),
});
const v = (prefix: string, operator: Operator): Segment => ({
  prefix,
  operator,
  category: 'virtual',
  lengths: [11],
});
const d = (prefix: string, operator: Operator): Segment => ({
  prefix,
  operator,
  category: 'data-only',
  lengths: [11],
});
const iot = (prefix: string, operator: Operator, lengths: readonly (11 | 13)[], note?: string): Segment => ({
  prefix,
  operator,
  category: 'iot',
  lengths,
  ...(note ? { note } : {}),
});
const sat = (prefix: string, operator: Operator, note: string): Segment => ({
  prefix,
  operator,
  category: 'satellite',
  lengths: [11],
  note,
});

export const SEGMENTS: readonly Segment[] = [
  // 13x
  m('130', 'china-unicom'),
  m('131', 'china-unicom'),
  m('132', 'china-unicom'),
  m('133', 'china-telecom'),
  ...['0', '1', '2', '3', '4', '5', '6', '7', '8'].map((x) => m(`134${x}`, 'china-mobile')),
  sat('1349', 'china-telecom', 'satellite phones (formerly China Satcom)'),
  m('135', 'china-mobile'),
  m('136', 'china-mobile'),
  m('137', 'china-mobile'),
  m('138', 'china-mobile'),
  m('139', 'china-mobile'),
  // 14x: IoT and data cards
  iot('140', 'various', [11, 13], 'IoT band (MIIT plan: 140-144 for 13-digit IoT numbers)'),
  iot('141', 'china-telecom', [11, 13]),
  iot('142', 'various', [11, 13], 'IoT band, allocation not confirmed'),
  iot('143', 'various', [11, 13], 'IoT band, allocation not confirmed'),
  iot('144', 'china-mobile', [11, 13]),
  d('145', 'china-unicom'),
  iot('146', 'china-unicom', [11, 13]),
  d('147', 'china-mobile'),
  iot('148', 'china-mobile', [11, 13]),
  d('149', 'china-telecom'),
  // 15x (154 unallocated)
  m('150', 'china-mobile'),
  m('151', 'china-mobile'),
  m('152', 'china-mobile'),
  m('153', 'china-telecom'),
  m('155', 'china-unicom'),
  m('156', 'china-unicom'),
  m('157', 'china-mobile'),
  m('158', 'china-mobile'),
  m('159', 'china-mobile'),
  // 16x (160, 161, 163, 164, 168, 169 unallocated)
  v('162', 'china-telecom'),
  v('165', 'china-mobile'),
  m('166', 'china-unicom'),
  v('167', 'china-unicom'),
  // 17x (179 unallocated; 1741-1748 unallocated)
  v('1700', 'china-telecom'),
  v('1701', 'china-telecom'),
  v('1702', 'china-telecom'),
  v('1703', 'china-mobile'),
  v('1704', 'china-unicom'),
  v('1705', 'china-mobile'),
  v('1706', 'china-mobile'),
  v('1707', 'china-unicom'),
  v('1708', 'china-unicom'),
  v('1709', 'china-unicom'),
  v('171', 'china-unicom'),
  m('172', 'china-mobile', 'often issued as data / IoT cards'),
  m('173', 'china-telecom'),
  sat('1740', 'satellite', '17400-17405 Tiantong satellite, 17406-17412 emergency communications'),
  sat('1749', 'satellite', 'Inmarsat maritime satellite'),
  m('175', 'china-unicom'),
  m('176', 'china-unicom'),
  m('177', 'china-telecom'),
  m('178', 'china-mobile'),
  // 18x
  m('180', 'china-telecom'),
  m('181', 'china-telecom'),
  m('182', 'china-mobile'),
  m('183', 'china-mobile'),
  m('184', 'china-mobile'),
  m('185', 'china-unicom'),
  m('186', 'china-unicom'),
  m('187', 'china-mobile'),
  m('188', 'china-mobile'),
  m('189', 'china-telecom'),
  // 19x (194 unallocated)
  m('190', 'china-telecom'),
  m('191', 'china-telecom'),
  m('192', 'china-broadnet'),
  m('193', 'china-telecom'),
  m('195', 'china-mobile'),
  m('196', 'china-unicom'),
  m('197', 'china-mobile'),
  m('198', 'china-mobile'),
  m('199', 'china-telecom'),
  // 13-digit IoT numbers of the older 1064x plan (10646 Unicom, 10647/10648 Mobile, 10649 Telecom)
  iot('1064', 'various', [13]),
];

/** Operator names for messages. */
export const OPERATOR_NAMES: Readonly<Record<Operator, { zh: string; en: string }>> = {
  'china-mobile': { zh: '中国移动', en: 'China Mobile' },
  'china-unicom': { zh: '中国联通', en: 'China Unicom' },
  'china-telecom': { zh: '中国电信', en: 'China Telecom' },
  'china-broadnet': { zh: '中国广电', en: 'China Broadnet' },
  satellite: { zh: '卫星通信', en: 'satellite operator' },
  various: { zh: '多家运营商', en: 'several operators' },
};
