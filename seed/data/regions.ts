/**
 * The region tree the seed halls live in: four provinces, their cities and counties/districts
 * with real administrative codes (GB/T 2260) and approximate resident populations, and townships
 * (real names; their 9-digit codes here are the county code plus a sequence number, not the
 * official statistical codes).
 */
import type { RegionLevel } from '../../src/modules/regions/index.js';

export interface SeedRegion {
  code: string;
  name: string;
  nameEn: string;
  level: RegionLevel;
  parentCode: string | null;
  population: number | null;
  /** The centre of the place (WGS84), for placing seed halls near the real town. */
  center: { lat: number; lng: number } | null;
}

interface CountySpec {
  code: string;
  name: string;
  nameEn: string;
  population: number;
  center: [number, number];
  townships?: string[];
}
interface CitySpec {
  code: string;
  name: string;
  nameEn: string;
  /** Short code used in hall codes, e.g. WH for 武汉. */
  abbr: string;
  center: [number, number];
  counties: CountySpec[];
}
interface ProvinceSpec {
  code: string;
  name: string;
  nameEn: string;
  abbr: string;
  cities: CitySpec[];
}

export const PROVINCES: ProvinceSpec[] = [
  {
    code: '130000',
    name: '河北省',
    nameEn: 'Hebei',
    abbr: 'HE',
    cities: [
      {
        code: '130100',
        name: '石家庄市',
        nameEn: 'Shijiazhuang',
        abbr: 'SJZ',
        center: [38.042, 114.515],
        counties: [
          {
            code: '130102',
            name: '长安区',
            nameEn: "Chang'an District",
            population: 560_000,
            center: [38.047, 114.539],
          },
          {
            code: '130104',
            name: '桥西区',
            nameEn: 'Qiaoxi District',
            population: 650_000,
            center: [38.028, 114.47],
          },
          {
            code: '130105',
            name: '新华区',
            nameEn: 'Xinhua District',
            population: 620_000,
            center: [38.051, 114.464],
          },
          {
            code: '130108',
            name: '裕华区',
            nameEn: 'Yuhua District',
            population: 780_000,
            center: [38.006, 114.531],
          },
          {
            code: '130123',
            name: '正定县',
            nameEn: 'Zhengding County',
            population: 540_000,
            center: [38.146, 114.571],
            townships: ['新城铺镇', '新安镇', '南牛乡'],
          },
        ],
      },
      {
        code: '130600',
        name: '保定市',
        nameEn: 'Baoding',
        abbr: 'BD',
        center: [38.874, 115.465],
        counties: [
          {
            code: '130602',
            name: '竞秀区',
            nameEn: 'Jingxiu District',
            population: 530_000,
            center: [38.877, 115.459],
          },
          {
            code: '130606',
            name: '莲池区',
            nameEn: 'Lianchi District',
            population: 780_000,
            center: [38.883, 115.497],
          },
          {
            code: '130632',
            name: '安新县',
            nameEn: 'Anxin County',
            population: 470_000,
            center: [38.936, 115.936],
            townships: ['端村镇', '圈头乡'],
          },
        ],
      },
      {
        code: '130200',
        name: '唐山市',
        nameEn: 'Tangshan',
        abbr: 'TS',
        center: [39.631, 118.18],
        counties: [
          {
            code: '130202',
            name: '路南区',
            nameEn: 'Lunan District',
            population: 340_000,
            center: [39.615, 118.154],
          },
          {
            code: '130203',
            name: '路北区',
            nameEn: 'Lubei District',
            population: 800_000,
            center: [39.625, 118.2],
          },
        ],
      },
    ],
  },
  {
    code: '420000',
    name: '湖北省',
    nameEn: 'Hubei',
    abbr: 'HB',
    cities: [
      {
        code: '420100',
        name: '武汉市',
        nameEn: 'Wuhan',
        abbr: 'WH',
        center: [30.593, 114.305],
        counties: [
          {
            code: '420102',
            name: '江岸区',
            nameEn: "Jiang'an District",
            population: 960_000,
            center: [30.6, 114.309],
          },
          {
            code: '420103',
            name: '江汉区',
            nameEn: 'Jianghan District',
            population: 650_000,
            center: [30.601, 114.271],
          },
          {
            code: '420104',
            name: '硚口区',
            nameEn: 'Qiaokou District',
            population: 660_000,
            center: [30.582, 114.215],
          },
          {
            code: '420106',
            name: '武昌区',
            nameEn: 'Wuchang District',
            population: 1_090_000,
            center: [30.554, 114.316],
          },
          {
            code: '420111',
            name: '洪山区',
            nameEn: 'Hongshan District',
            population: 1_670_000,
            center: [30.5, 114.344],
          },
          {
            code: '420115',
            name: '江夏区',
            nameEn: 'Jiangxia District',
            population: 970_000,
            center: [30.375, 114.321],
            townships: ['郑店街道', '金口街道', '五里界街道', '乌龙泉街道'],
          },
          {
            code: '420117',
            name: '新洲区',
            nameEn: 'Xinzhou District',
            population: 860_000,
            center: [30.841, 114.801],
            townships: ['仓埠街道', '汪集街道', '李集街道'],
          },
        ],
      },
      {
        code: '420700',
        name: '鄂州市',
        nameEn: 'Ezhou',
        abbr: 'EZ',
        center: [30.391, 114.895],
        counties: [
          {
            code: '420702',
            name: '梁子湖区',
            nameEn: 'Liangzihu District',
            population: 150_000,
            center: [30.1, 114.685],
            townships: ['太和镇', '东沟镇', '沼山镇'],
          },
          {
            code: '420703',
            name: '华容区',
            nameEn: 'Huarong District',
            population: 270_000,
            center: [30.534, 114.73],
            townships: ['葛店镇', '段店镇'],
          },
          {
            code: '420704',
            name: '鄂城区',
            nameEn: 'Echeng District',
            population: 650_000,
            center: [30.4, 114.892],
            townships: ['汀祖镇', '泽林镇'],
          },
        ],
      },
    ],
  },
  {
    code: '410000',
    name: '河南省',
    nameEn: 'Henan',
    abbr: 'HA',
    cities: [
      {
        code: '410100',
        name: '郑州市',
        nameEn: 'Zhengzhou',
        abbr: 'ZZ',
        center: [34.747, 113.625],
        counties: [
          {
            code: '410102',
            name: '中原区',
            nameEn: 'Zhongyuan District',
            population: 1_000_000,
            center: [34.748, 113.613],
          },
          {
            code: '410103',
            name: '二七区',
            nameEn: 'Erqi District',
            population: 830_000,
            center: [34.724, 113.64],
          },
          {
            code: '410104',
            name: '管城回族区',
            nameEn: 'Guancheng Hui District',
            population: 810_000,
            center: [34.754, 113.678],
          },
          {
            code: '410105',
            name: '金水区',
            nameEn: 'Jinshui District',
            population: 1_630_000,
            center: [34.8, 113.66],
          },
          {
            code: '410122',
            name: '中牟县',
            nameEn: 'Zhongmu County',
            population: 1_120_000,
            center: [34.719, 113.976],
            townships: ['韩寺镇', '官渡镇', '狼城岗镇'],
          },
          {
            code: '410181',
            name: '巩义市',
            nameEn: 'Gongyi',
            population: 850_000,
            center: [34.748, 113.022],
            townships: ['回郭镇', '米河镇'],
          },
        ],
      },
      {
        code: '411300',
        name: '南阳市',
        nameEn: 'Nanyang',
        abbr: 'NY',
        center: [32.991, 112.528],
        counties: [
          {
            code: '411302',
            name: '宛城区',
            nameEn: 'Wancheng District',
            population: 890_000,
            center: [32.994, 112.54],
          },
          {
            code: '411303',
            name: '卧龙区',
            nameEn: 'Wolong District',
            population: 980_000,
            center: [32.986, 112.535],
          },
          {
            code: '411321',
            name: '南召县',
            nameEn: 'Nanzhao County',
            population: 500_000,
            center: [33.49, 112.429],
          },
          {
            code: '411323',
            name: '西峡县',
            nameEn: 'Xixia County',
            population: 450_000,
            center: [33.307, 111.473],
            townships: ['丁河镇', '回车镇'],
          },
          {
            code: '411381',
            name: '邓州市',
            nameEn: 'Dengzhou',
            population: 1_330_000,
            center: [32.688, 112.087],
            townships: ['穰东镇', '孟楼镇'],
          },
        ],
      },
      {
        code: '411200',
        name: '三门峡市',
        nameEn: 'Sanmenxia',
        abbr: 'SMX',
        center: [34.773, 111.2],
        counties: [
          {
            code: '411202',
            name: '湖滨区',
            nameEn: 'Hubin District',
            population: 350_000,
            center: [34.77, 111.188],
          },
          {
            code: '411203',
            name: '陕州区',
            nameEn: 'Shanzhou District',
            population: 340_000,
            center: [34.72, 111.103],
            townships: ['张湾乡', '观音堂镇'],
          },
          {
            code: '411221',
            name: '渑池县',
            nameEn: 'Mianchi County',
            population: 340_000,
            center: [34.767, 111.762],
            townships: ['英豪镇', '仰韶镇'],
          },
          {
            code: '411282',
            name: '灵宝市',
            nameEn: 'Lingbao',
            population: 690_000,
            center: [34.517, 110.894],
            townships: ['函谷关镇', '阳平镇'],
          },
        ],
      },
      {
        code: '410800',
        name: '焦作市',
        nameEn: 'Jiaozuo',
        abbr: 'JZ',
        center: [35.216, 113.242],
        counties: [
          {
            code: '410802',
            name: '解放区',
            nameEn: 'Jiefang District',
            population: 300_000,
            center: [35.24, 113.23],
          },
          {
            code: '410811',
            name: '山阳区',
            nameEn: 'Shanyang District',
            population: 400_000,
            center: [35.214, 113.255],
          },
          {
            code: '410822',
            name: '博爱县',
            nameEn: "Bo'ai County",
            population: 380_000,
            center: [35.171, 113.064],
            townships: ['许良镇', '月山镇'],
          },
          {
            code: '410825',
            name: '温县',
            nameEn: 'Wen County',
            population: 410_000,
            center: [34.94, 113.08],
            townships: ['祥云镇', '番田镇'],
          },
          {
            code: '410882',
            name: '沁阳市',
            nameEn: 'Qinyang',
            population: 440_000,
            center: [35.087, 112.95],
            townships: ['西向镇', '紫陵镇'],
          },
        ],
      },
      {
        code: '411100',
        name: '漯河市',
        nameEn: 'Luohe',
        abbr: 'LH',
        center: [33.582, 114.017],
        counties: [
          {
            code: '411102',
            name: '源汇区',
            nameEn: 'Yuanhui District',
            population: 370_000,
            center: [33.565, 114.006],
          },
          {
            code: '411103',
            name: '郾城区',
            nameEn: 'Yancheng District',
            population: 540_000,
            center: [33.587, 114.007],
          },
          {
            code: '411104',
            name: '召陵区',
            nameEn: 'Shaoling District',
            population: 460_000,
            center: [33.586, 114.094],
          },
          {
            code: '411121',
            name: '舞阳县',
            nameEn: 'Wuyang County',
            population: 540_000,
            center: [33.438, 113.609],
            townships: ['北舞渡镇', '孟寨镇'],
          },
          {
            code: '411122',
            name: '临颍县',
            nameEn: 'Linying County',
            population: 720_000,
            center: [33.806, 113.931],
            townships: ['繁城回族镇', '杜曲镇'],
          },
        ],
      },
    ],
  },
  {
    code: '210000',
    name: '辽宁省',
    nameEn: 'Liaoning',
    abbr: 'LN',
    cities: [
      {
        code: '210100',
        name: '沈阳市',
        nameEn: 'Shenyang',
        abbr: 'SY',
        center: [41.805, 123.431],
        counties: [
          {
            code: '210102',
            name: '和平区',
            nameEn: 'Heping District',
            population: 650_000,
            center: [41.789, 123.42],
          },
          {
            code: '210103',
            name: '沈河区',
            nameEn: 'Shenhe District',
            population: 760_000,
            center: [41.796, 123.459],
          },
          {
            code: '210104',
            name: '大东区',
            nameEn: 'Dadong District',
            population: 700_000,
            center: [41.805, 123.47],
          },
          {
            code: '210181',
            name: '新民市',
            nameEn: 'Xinmin',
            population: 580_000,
            center: [41.999, 122.829],
            townships: ['大民屯镇', '公主屯镇'],
          },
        ],
      },
      {
        code: '210200',
        name: '大连市',
        nameEn: 'Dalian',
        abbr: 'DL',
        center: [38.914, 121.615],
        counties: [
          {
            code: '210202',
            name: '中山区',
            nameEn: 'Zhongshan District',
            population: 380_000,
            center: [38.918, 121.644],
          },
          {
            code: '210203',
            name: '西岗区',
            nameEn: 'Xigang District',
            population: 310_000,
            center: [38.915, 121.612],
          },
          {
            code: '210204',
            name: '沙河口区',
            nameEn: 'Shahekou District',
            population: 690_000,
            center: [38.905, 121.594],
          },
          {
            code: '210224',
            name: '长海县',
            nameEn: 'Changhai County',
            population: 71_000,
            center: [39.272, 122.588],
          },
        ],
      },
    ],
  },
];

/** The flat region list, parents first. */
export const seedRegions: SeedRegion[] = PROVINCES.flatMap((province) => [
  {
    code: province.code,
    name: province.name,
    nameEn: province.nameEn,
    level: 'PROVINCE' as const,
    parentCode: null,
    population: null,
    center: null,
  },
  ...province.cities.flatMap((city) => [
    {
      code: city.code,
      name: city.name,
      nameEn: city.nameEn,
      level: 'CITY' as const,
      parentCode: province.code,
      population: null,
      center: { lat: city.center[0], lng: city.center[1] },
    },
    ...city.counties.flatMap((county) => [
      {
        code: county.code,
        name: county.name,
        nameEn: county.nameEn,
        level: 'COUNTY' as const,
        parentCode: city.code,
        population: county.population,
        center: { lat: county.center[0], lng: county.center[1] },
      },
      ...(county.townships ?? []).map((name, index) => ({
        code: `${county.code}${String(101 + index).padStart(3, '0')}`,
        name,
        nameEn: `${county.nameEn} township ${index + 1}`,
        level: 'TOWNSHIP' as const,
        parentCode: county.code,
        population: null,
        center: null,
      })),
    ]),
  ]),
]);

/** The ancestor codes of a seed region and itself, root first. */
export function seedRegionPath(code: string): string[] {
  const byCode = new Map(seedRegions.map((region) => [region.code, region]));
  const path: string[] = [];
  let current = byCode.get(code);
  while (current) {
    path.unshift(current.code);
    current = current.parentCode ? byCode.get(current.parentCode) : undefined;
  }
  return path;
}
