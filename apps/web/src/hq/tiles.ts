// Tile-grid map of Japan: each prefecture is one square at (col, row); no boundary data needed.
// Columns run west → east, rows north → south; 14 × 12 cells.
export interface Tile {
  code: string; // 2-digit prefecture code
  short: string; // name without 都/府/県 (北海道 kept)
  col: number;
  row: number;
}

export const TILE_COLS = 14;
export const TILE_ROWS = 12;

export const TILES: Tile[] = [
  { code: '01', short: '北海道', col: 13, row: 0 },
  { code: '02', short: '青森', col: 13, row: 1 },
  { code: '05', short: '秋田', col: 12, row: 2 },
  { code: '03', short: '岩手', col: 13, row: 2 },
  { code: '06', short: '山形', col: 12, row: 3 },
  { code: '04', short: '宮城', col: 13, row: 3 },
  { code: '17', short: '石川', col: 9, row: 4 },
  { code: '16', short: '富山', col: 10, row: 4 },
  { code: '15', short: '新潟', col: 11, row: 4 },
  { code: '07', short: '福島', col: 12, row: 4 },
  { code: '18', short: '福井', col: 8, row: 5 },
  { code: '21', short: '岐阜', col: 9, row: 5 },
  { code: '20', short: '長野', col: 10, row: 5 },
  { code: '10', short: '群馬', col: 11, row: 5 },
  { code: '09', short: '栃木', col: 12, row: 5 },
  { code: '08', short: '茨城', col: 13, row: 5 },
  { code: '32', short: '島根', col: 4, row: 6 },
  { code: '31', short: '鳥取', col: 5, row: 6 },
  { code: '28', short: '兵庫', col: 6, row: 6 },
  { code: '26', short: '京都', col: 7, row: 6 },
  { code: '25', short: '滋賀', col: 8, row: 6 },
  { code: '23', short: '愛知', col: 9, row: 6 },
  { code: '19', short: '山梨', col: 10, row: 6 },
  { code: '11', short: '埼玉', col: 11, row: 6 },
  { code: '13', short: '東京', col: 12, row: 6 },
  { code: '12', short: '千葉', col: 13, row: 6 },
  { code: '35', short: '山口', col: 3, row: 7 },
  { code: '34', short: '広島', col: 4, row: 7 },
  { code: '33', short: '岡山', col: 5, row: 7 },
  { code: '27', short: '大阪', col: 6, row: 7 },
  { code: '29', short: '奈良', col: 7, row: 7 },
  { code: '24', short: '三重', col: 8, row: 7 },
  { code: '22', short: '静岡', col: 10, row: 7 },
  { code: '14', short: '神奈川', col: 11, row: 7 },
  { code: '42', short: '長崎', col: 0, row: 8 },
  { code: '41', short: '佐賀', col: 1, row: 8 },
  { code: '40', short: '福岡', col: 2, row: 8 },
  { code: '38', short: '愛媛', col: 4, row: 8 },
  { code: '37', short: '香川', col: 5, row: 8 },
  { code: '30', short: '和歌山', col: 7, row: 8 },
  { code: '43', short: '熊本', col: 1, row: 9 },
  { code: '44', short: '大分', col: 2, row: 9 },
  { code: '39', short: '高知', col: 4, row: 9 },
  { code: '36', short: '徳島', col: 5, row: 9 },
  { code: '46', short: '鹿児島', col: 1, row: 10 },
  { code: '45', short: '宮崎', col: 2, row: 10 },
  { code: '47', short: '沖縄', col: 0, row: 11 },
];
