import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import type { MunicipalityKind } from '../domain/municipality-kind';

export class PrefectureResponseDto {
  @ApiProperty({ example: '13', description: 'JIS X 0401 都道府県コード (2 digits)' })
  code: string;
  @ApiProperty({ example: '130001', description: '全国地方公共団体コード (6 digits)' })
  code6: string;
  @ApiProperty({ example: '東京都' })
  name: string;
  @ApiProperty({ example: 'トウキョウト' })
  nameKana: string;
  @ApiPropertyOptional({ example: 'Tokyo', nullable: true, type: String })
  nameEn: string | null;
  @ApiProperty({ example: 'kanto', description: '八地方区分' })
  chiho8Code: string;
  @ApiPropertyOptional({ example: 'shutoken', nullable: true, type: String, description: '広域地方計画区域 (none for 北海道, 沖縄県)' })
  kouikiCode: string | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 14047594 })
  population: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, example: 2020 })
  populationYear: number | null;
}

export class MunicipalityResponseDto {
  @ApiProperty({ example: '131016', description: '全国地方公共団体コード (6 digits)' })
  code: string;
  @ApiProperty({ example: '13101' })
  code5: string;
  @ApiProperty({ example: '13' })
  prefectureCode: string;
  @ApiProperty({ example: '千代田区' })
  name: string;
  @ApiProperty({ example: 'チヨダク' })
  nameKana: string;
  @ApiProperty({ enum: ['city', 'designated_city', 'special_ward', 'town', 'village'] })
  kind: MunicipalityKind;
  @ApiProperty({ description: '北方領土の6村' })
  isNorthernTerritories: boolean;
  @ApiPropertyOptional({ nullable: true, type: Number })
  population: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number })
  populationYear: number | null;
}

export class WardResponseDto {
  @ApiProperty({ example: '011011' })
  code: string;
  @ApiProperty({ example: '中央区' })
  name: string;
  @ApiProperty({ example: 'チュウオウク' })
  nameKana: string;
}

export class MunicipalityDetailResponseDto extends MunicipalityResponseDto {
  @ApiPropertyOptional({ type: WardResponseDto, description: 'Set when a designated-city ward code was given; the answer is its city.' })
  resolvedFromWard?: WardResponseDto;
}

export class MunicipalityPageResponseDto {
  @ApiProperty({ type: [MunicipalityResponseDto] })
  items: MunicipalityResponseDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page.' })
  nextCursor: string | null;
}

export class RegionResponseDto {
  @ApiProperty({ enum: ['chiho8', 'kouiki'] })
  scheme: string;
  @ApiProperty({ example: 'kanto' })
  code: string;
  @ApiProperty({ example: '関東' })
  name: string;
  @ApiProperty({ example: 'カントウ' })
  nameKana: string;
  @ApiProperty({ example: 'Kanto' })
  nameEn: string;
  @ApiProperty()
  sortOrder: number;
  @ApiProperty({ type: [String], example: ['08', '09'] })
  prefectureCodes: string[];
}

export class MunicipalitySearchQueryDto {
  @ApiPropertyOptional({ example: '13', description: '都道府県コード (2 digits)' })
  @IsOptional()
  @Matches(/^(0[1-9]|[1-3]\d|4[0-7])$/, { context: { ja: '都道府県コードは01〜47の2桁で指定してください。' } })
  prefectureCode?: string;

  @ApiPropertyOptional({ example: 'ちよ', description: 'Prefix of the name (漢字) or reading (かな/カナ)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  q?: string;

  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  includeNorthernTerritories?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ default: 100, minimum: 1, maximum: 2000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2000)
  limit: number = 100;
}

export class RegionsQueryDto {
  @ApiPropertyOptional({ enum: ['chiho8', 'kouiki'] })
  @IsOptional()
  @IsIn(['chiho8', 'kouiki'])
  scheme?: 'chiho8' | 'kouiki';
}
