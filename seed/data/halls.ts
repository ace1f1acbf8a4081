/**
 * The seed halls: a few hand-placed anchors in Wuhan plus a deterministic generator (a seeded
 * PRNG, so every run yields the same halls) that places halls near the real towns of every seed
 * county, with every tier/operation/area combination the rules allow (a TOWNSHIP hall is SMALL),
 * lunch breaks, a Spring Festival 2026 schedule (holiday 15-23 February, make-up working days
 * 14 and 28 February), partner-operated halls with their partners and roster membership.
 *
 * Planning cases for `coverage`: 新民市 (210181) and 长海县 (210224) have no hall at all; the only
 * hall of 南召县 (411321) is temporarily closed; the halls of 温县 (410825) are not on the roster yet.
 */
import type {
  AccessibilityFeature,
  HallArea,
  HallOperation,
  HallStatus,
  HallTier,
  OpeningHours,
  SpecialDate,
  TimeInterval,
} from '../../src/modules/halls/index.js';
import type { ServiceKind } from '../../src/modules/channels/index.js';
import { SERVICE_KINDS } from '../../src/modules/channels/index.js';
import { PROVINCES } from './regions.js';

/** A seed hall, shaped like `HallInput`. */
export interface SeedHall {
  code: string;
  name: string;
  tier: HallTier;
  operation: HallOperation;
  partner: string | null;
  area: HallArea;
  regionCode: string;
  address: string;
  location: { lat: number; lng: number };
  floorAreaM2: number;
  services: ServiceKind[];
  openingHours: OpeningHours;
  status: HallStatus;
  phone: string | null;
  accessibility: AccessibilityFeature[];
  roster: boolean;
}

export const COUNTIES_WITHOUT_HALLS = ['210181', '210224'] as const;
export const COUNTY_WITH_ONLY_CLOSED_HALL = '411321';
export const COUNTY_OFF_ROSTER = '410825';

const range = (start: string, end: string): TimeInterval => ({ start, end });
const days = (intervals: TimeInterval[], count = 7) => Array.from({ length: count }, () => intervals);

/** Spring Festival 2026 (春节): holiday 15-23 February; 14 and 28 February (Saturdays) are working days. */
function springFestival(tier: HallTier, area: HallArea, weekday: TimeInterval[]): SpecialDate[] {
  const holiday = [
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-02-23',
  ];
  const makeUp = ['2026-02-14', '2026-02-28'].map((date) => ({
    date,
    closed: false,
    intervals: weekday,
    note: '春节调休上班 (make-up working day)',
  }));
  const entries = holiday.map((date): SpecialDate => {
    const eve = date === '2026-02-16';
    const firstDays = ['2026-02-17', '2026-02-18', '2026-02-19'].includes(date);
    if (eve)
      return { date, closed: false, intervals: [range('09:00', '12:00')], note: "除夕 (New Year's Eve)" };
    if (tier === 'FLAGSHIP')
      return { date, closed: false, intervals: [range('10:00', '16:00')], note: '春节 (Spring Festival)' };
    if (firstDays || area === 'TOWNSHIP')
      return { date, closed: true, intervals: [], note: '春节闭厅 (closed for Spring Festival)' };
    return {
      date,
      closed: false,
      intervals: [range('10:00', '12:00'), range('13:00', '16:00')],
      note: '春节 (Spring Festival)',
    };
  });
  return [...makeUp, ...entries].sort((a, b) => a.date.localeCompare(b.date));
}

/** Weekly schedules by kind of hall; SMALL and TOWNSHIP halls close for lunch. */
export function seedHours(tier: HallTier, area: HallArea): OpeningHours {
  if (tier === 'FLAGSHIP') {
    const day = [range('09:00', '21:00')];
    return { weekly: days(day), special: springFestival(tier, area, day) };
  }
  if (tier === 'STANDARD') {
    const weekday = [range('08:30', '18:00')];
    return {
      weekly: [...days(weekday, 5), [range('09:00', '17:00')], [range('09:00', '17:00')]],
      special: springFestival(tier, area, weekday),
    };
  }
  if (area === 'URBAN') {
    const weekday = [range('08:30', '12:00'), range('14:00', '17:30')];
    return {
      weekly: [...days(weekday, 5), [range('09:00', '12:00')], []],
      special: springFestival(tier, area, weekday),
    };
  }
  const weekday = [range('08:00', '12:00'), range('14:30', '17:30')];
  return { weekly: [...days(weekday, 6), []], special: springFestival(tier, area, weekday) };
}

const ALL_SERVICES: ServiceKind[] = [...SERVICE_KINDS];

/** mulberry32: a tiny deterministic PRNG. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function servicesFor(tier: HallTier, random: () => number): ServiceKind[] {
  if (tier === 'FLAGSHIP') return ALL_SERVICES;
  if (tier === 'STANDARD') {
    return ALL_SERVICES.filter(
      (service) =>
        (service !== 'DEMO_EXPERIENCE' || random() < 0.5) &&
        (service !== 'GROUP_CUSTOMER_SERVICE' || random() < 0.5),
    );
  }
  const basic: ServiceKind[] = ['BUSINESS_HANDLING', 'PAYMENT', 'CONSULTATION', 'BILL_QUERY'];
  if (random() < 0.5) basic.push('SIM_REPLACEMENT');
  if (random() < 0.3) basic.push('BROADBAND_INSTALLATION');
  return basic;
}

const ROADS = [
  '人民路',
  '解放路',
  '建设路',
  '中山路',
  '新华路',
  '和平路',
  '文化路',
  '胜利路',
  '光明街',
  '朝阳路',
  '花园路',
  '幸福路',
  '青年路',
  '长江路',
  '黄河路',
  '迎宾大道',
  '工农路',
  '学府路',
];
const PARTNERS = [
  '恒通通信服务有限公司',
  '华信通讯连锁有限公司',
  '讯达电子科技有限公司',
  '联信商贸有限公司',
  '畅联通信技术服务有限公司',
];
const TIER_LABEL: Record<HallTier, string> = {
  FLAGSHIP: '旗舰营业厅',
  STANDARD: '营业厅',
  SMALL: '便民营业厅',
};
const round = (value: number) => Math.round(value * 1e5) / 1e5;

/**
 * Each seed city's telephone area code (长途区号) and how many digits its local numbers have, so a
 * hall's phone is one a customer in that city could dial (tests/unit/seed-phones.test.ts checks
 * the codes against a table of its own).
 */
export const CITY_PHONE_PLANS: Readonly<Record<string, { areaCode: string; digits: 7 | 8 }>> = {
  '130100': { areaCode: '0311', digits: 8 }, // 石家庄
  '130600': { areaCode: '0312', digits: 7 }, // 保定
  '130200': { areaCode: '0315', digits: 7 }, // 唐山
  '420100': { areaCode: '027', digits: 8 }, // 武汉
  '420700': { areaCode: '0711', digits: 7 }, // 鄂州
  '410100': { areaCode: '0371', digits: 8 }, // 郑州
  '411300': { areaCode: '0377', digits: 7 }, // 南阳
  '411200': { areaCode: '0398', digits: 7 }, // 三门峡
  '410800': { areaCode: '0391', digits: 7 }, // 焦作
  '411100': { areaCode: '0395', digits: 7 }, // 漯河
  '210100': { areaCode: '024', digits: 8 }, // 沈阳
  '210200': { areaCode: '0411', digits: 8 }, // 大连
};

/** The draw for a hall's number: a second draw for four halls in five, the first one rescaled for the rest. */
function phoneDraw(random: () => number): number {
  const first = random();
  return first < 0.8 ? random() : (first - 0.8) / 0.2;
}

/** A hall's phone in its city: the area code, then a local number (first digit 2-8) from `draw` and the sequence. */
function cityPhone(cityCode: string, draw: number, sequence: number): string {
  const plan = CITY_PHONE_PLANS[cityCode];
  if (!plan) throw new Error(`seed city ${cityCode} has no phone plan: add it to CITY_PHONE_PLANS`);
  const span = 10 ** (plan.digits - 1);
  const local = (2 + Math.floor(draw * 7)) * span + ((sequence * 1013) % span);
  return `${plan.areaCode}-${local}`;
}

/** Hand-placed halls around 江汉路, Wuhan: fixed points for the "near me" examples. */
export const ANCHOR_HALLS: SeedHall[] = [
  {
    code: 'HB-WH-A01',
    name: '武汉江汉路旗舰营业厅',
    tier: 'FLAGSHIP',
    operation: 'SELF_OPERATED',
    partner: null,
    area: 'URBAN',
    regionCode: '420103',
    address: '湖北省武汉市江汉区江汉路118号',
    location: { lat: 30.579, lng: 114.287 },
    floorAreaM2: 1200,
    services: ALL_SERVICES,
    openingHours: seedHours('FLAGSHIP', 'URBAN'),
    status: 'OPEN',
    phone: '027-85001010',
    accessibility: ['STEP_FREE_ENTRANCE', 'ACCESSIBLE_COUNTER', 'ACCESSIBLE_TOILET', 'HEARING_LOOP'],
    roster: true,
  },
  {
    code: 'HB-WH-A02',
    name: '武汉循礼门营业厅',
    tier: 'STANDARD',
    operation: 'PARTNER_OPERATED',
    partner: '华信通讯连锁有限公司',
    area: 'URBAN',
    regionCode: '420103',
    address: '湖北省武汉市江汉区中山大道608号',
    location: { lat: 30.5862, lng: 114.2768 },
    floorAreaM2: 320,
    services: servicesFor('STANDARD', prng(2)),
    openingHours: seedHours('STANDARD', 'URBAN'),
    status: 'OPEN',
    phone: '027-85001020',
    accessibility: ['STEP_FREE_ENTRANCE'],
    roster: true,
  },
  {
    code: 'HB-WH-A03',
    name: '武汉民众乐园便民营业厅',
    tier: 'SMALL',
    operation: 'SELF_OPERATED',
    partner: null,
    area: 'URBAN',
    regionCode: '420103',
    address: '湖北省武汉市江汉区六渡桥民众乐园旁',
    location: { lat: 30.5735, lng: 114.2905 },
    floorAreaM2: 60,
    services: ['BUSINESS_HANDLING', 'PAYMENT', 'CONSULTATION', 'SIM_REPLACEMENT'],
    openingHours: seedHours('SMALL', 'URBAN'),
    status: 'OPEN',
    phone: '027-85796010',
    accessibility: [],
    roster: true,
  },
];

function generate(): SeedHall[] {
  const halls: SeedHall[] = [];
  for (const province of PROVINCES) {
    for (const city of province.cities) {
      let sequence = 0;
      const cityShort = city.name.replace(/市$/, '');
      city.counties.forEach((county, countyIndex) => {
        if ((COUNTIES_WITHOUT_HALLS as readonly string[]).includes(county.code)) return;
        const random = prng(Number(county.code));
        const countyShort = county.name.replace(/(区|县|市)$/, '');
        const onlyClosed = county.code === COUNTY_WITH_ONLY_CLOSED_HALL;
        const urbanCount = onlyClosed
          ? 1
          : county.townships?.length
            ? 3 + Math.floor(random() * 2)
            : 5 + Math.floor(random() * 3);
        const place = (center: [number, number], spread: number) => ({
          lat: round(center[0] + (random() - 0.5) * spread),
          lng: round(center[1] + (random() - 0.5) * spread),
        });
        const add = (
          hall: Omit<SeedHall, 'code' | 'openingHours' | 'phone' | 'roster' | 'status' | 'accessibility'>,
        ) => {
          sequence += 1;
          const statusRoll = random();
          const status: HallStatus = onlyClosed
            ? 'TEMPORARILY_CLOSED'
            : statusRoll < 0.03
              ? 'TEMPORARILY_CLOSED'
              : statusRoll < 0.05
                ? 'CLOSED'
                : 'OPEN';
          halls.push({
            ...hall,
            code: `${province.abbr}-${city.abbr}-${String(sequence).padStart(3, '0')}`,
            openingHours: seedHours(hall.tier, hall.area),
            status,
            // Every hall has a desk line customers can call. The draws are the ones taken when a
            // fifth of halls had none (those reuse the first draw), so every hall stays where it was.
            phone: cityPhone(city.code, phoneDraw(random), sequence),
            accessibility:
              hall.tier === 'SMALL'
                ? random() < 0.3
                  ? ['STEP_FREE_ENTRANCE']
                  : []
                : [
                    'STEP_FREE_ENTRANCE',
                    'ACCESSIBLE_COUNTER',
                    ...(random() < 0.4 ? (['PRIORITY_SEATING'] as const) : []),
                  ],
            roster: county.code !== COUNTY_OFF_ROSTER && random() > 0.04,
          });
        };
        for (let i = 0; i < urbanCount; i += 1) {
          const tier: HallTier =
            i === 0 && countyIndex === 0
              ? 'FLAGSHIP'
              : i === 0 && random() < 0.3
                ? 'FLAGSHIP'
                : random() < 0.55
                  ? 'STANDARD'
                  : 'SMALL';
          const operation: HallOperation = random() < 0.3 ? 'PARTNER_OPERATED' : 'SELF_OPERATED';
          const road = ROADS[Math.floor(random() * ROADS.length)] ?? '人民路';
          const number = 1 + Math.floor(random() * 300);
          add({
            name: `${cityShort}${countyShort}${road}${TIER_LABEL[tier]}`,
            tier,
            operation,
            partner:
              operation === 'PARTNER_OPERATED'
                ? (PARTNERS[Math.floor(random() * PARTNERS.length)] ?? null)
                : null,
            area: 'URBAN',
            regionCode: county.code,
            address: `${province.name}${city.name}${county.name}${road}${number}号`,
            location: place(county.center, 0.06),
            floorAreaM2:
              tier === 'FLAGSHIP'
                ? 800 + Math.floor(random() * 800)
                : tier === 'STANDARD'
                  ? 200 + Math.floor(random() * 300)
                  : 40 + Math.floor(random() * 80),
            services: servicesFor(tier, random),
          });
        }
        (county.townships ?? []).forEach((township, townshipIndex) => {
          const townshipCode = `${county.code}${String(101 + townshipIndex).padStart(3, '0')}`;
          const townCenter: [number, number] = [
            county.center[0] + (random() - 0.5) * 0.3,
            county.center[1] + (random() - 0.5) * 0.3,
          ];
          const count = 1 + Math.floor(random() * 2);
          for (let i = 0; i < count; i += 1) {
            const operation: HallOperation = random() < 0.35 ? 'PARTNER_OPERATED' : 'SELF_OPERATED';
            add({
              name: `${township}${i === 0 ? '' : `${i + 1}号`}营业厅`,
              tier: 'SMALL',
              operation,
              partner:
                operation === 'PARTNER_OPERATED'
                  ? (PARTNERS[Math.floor(random() * PARTNERS.length)] ?? null)
                  : null,
              area: 'TOWNSHIP',
              regionCode: townshipCode,
              address: `${province.name}${city.name}${county.name}${township}${i === 0 ? '政府街' : '集贸市场'}${1 + Math.floor(random() * 80)}号`,
              location: place(townCenter, 0.02),
              floorAreaM2: 30 + Math.floor(random() * 60),
              services: servicesFor('SMALL', random),
            });
          }
        });
      });
    }
  }
  return halls;
}

/** Every seed hall, anchors first. */
export const seedHalls: SeedHall[] = [...ANCHOR_HALLS, ...generate()];
