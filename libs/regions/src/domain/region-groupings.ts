/**
 * Regional groupings of the 47 prefectures (facts, not data files):
 * - chiho8: 八地方区分, the conventional 8 regions (沖縄 merged into 九州・沖縄; 三重 in 近畿).
 * - kouiki: 広域地方計画区域 (国土形成計画法 第9条 and its 施行令); 北海道 and 沖縄 are outside it.
 */
export type RegionScheme = 'chiho8' | 'kouiki';

export interface RegionDefinition {
  scheme: RegionScheme;
  code: string;
  name: string;
  nameKana: string;
  nameEn: string;
  sortOrder: number;
  prefectureCodes: string[];
}

const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String(from + i).padStart(2, '0'));

export const REGION_DEFINITIONS: readonly RegionDefinition[] = [
  { scheme: 'chiho8', code: 'hokkaido', name: '北海道', nameKana: 'ホッカイドウ', nameEn: 'Hokkaido', sortOrder: 1, prefectureCodes: ['01'] },
  { scheme: 'chiho8', code: 'tohoku', name: '東北', nameKana: 'トウホク', nameEn: 'Tohoku', sortOrder: 2, prefectureCodes: range(2, 7) },
  { scheme: 'chiho8', code: 'kanto', name: '関東', nameKana: 'カントウ', nameEn: 'Kanto', sortOrder: 3, prefectureCodes: range(8, 14) },
  { scheme: 'chiho8', code: 'chubu', name: '中部', nameKana: 'チュウブ', nameEn: 'Chubu', sortOrder: 4, prefectureCodes: range(15, 23) },
  { scheme: 'chiho8', code: 'kinki', name: '近畿', nameKana: 'キンキ', nameEn: 'Kinki', sortOrder: 5, prefectureCodes: range(24, 30) },
  { scheme: 'chiho8', code: 'chugoku', name: '中国', nameKana: 'チュウゴク', nameEn: 'Chugoku', sortOrder: 6, prefectureCodes: range(31, 35) },
  { scheme: 'chiho8', code: 'shikoku', name: '四国', nameKana: 'シコク', nameEn: 'Shikoku', sortOrder: 7, prefectureCodes: range(36, 39) },
  { scheme: 'chiho8', code: 'kyushu_okinawa', name: '九州・沖縄', nameKana: 'キュウシュウ・オキナワ', nameEn: 'Kyushu-Okinawa', sortOrder: 8, prefectureCodes: range(40, 47) },
  { scheme: 'kouiki', code: 'tohoku_ken', name: '東北圏', nameKana: 'トウホクケン', nameEn: 'Tohoku Area', sortOrder: 1, prefectureCodes: [...range(2, 7), '15'] },
  { scheme: 'kouiki', code: 'shutoken', name: '首都圏', nameKana: 'シュトケン', nameEn: 'Capital Area', sortOrder: 2, prefectureCodes: [...range(8, 14), '19'] },
  { scheme: 'kouiki', code: 'hokuriku_ken', name: '北陸圏', nameKana: 'ホクリクケン', nameEn: 'Hokuriku Area', sortOrder: 3, prefectureCodes: range(16, 18) },
  { scheme: 'kouiki', code: 'chubu_ken', name: '中部圏', nameKana: 'チュウブケン', nameEn: 'Chubu Area', sortOrder: 4, prefectureCodes: ['20', ...range(21, 24)] },
  { scheme: 'kouiki', code: 'kinki_ken', name: '近畿圏', nameKana: 'キンキケン', nameEn: 'Kinki Area', sortOrder: 5, prefectureCodes: range(25, 30) },
  { scheme: 'kouiki', code: 'chugoku_ken', name: '中国圏', nameKana: 'チュウゴクケン', nameEn: 'Chugoku Area', sortOrder: 6, prefectureCodes: range(31, 35) },
  { scheme: 'kouiki', code: 'shikoku_ken', name: '四国圏', nameKana: 'シコクケン', nameEn: 'Shikoku Area', sortOrder: 7, prefectureCodes: range(36, 39) },
  { scheme: 'kouiki', code: 'kyushu_ken', name: '九州圏', nameKana: 'キュウシュウケン', nameEn: 'Kyushu Area', sortOrder: 8, prefectureCodes: range(40, 46) },
];
