import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  COMPENSATIONS,
  CO_HOSTS_MAX,
  DESCRIPTION_MAX,
  PROJECT_CATEGORIES,
  PROJECT_MODES,
  PROJECT_STATUSES,
  SECTOR_TAGS,
  TITLE_MAX,
  type Compensation,
  type ProjectCategory,
  type ProjectMode,
  type ProjectStatus,
} from '../domain/project';

const ISO = { strict: true, strictSeparator: true } as const;
const isoMessage = (label: string) => ({ context: { ja: `${label}は ISO 8601 形式（例: 2027-04-01T09:00:00+09:00）で指定してください。`, en: `${label} must be an ISO 8601 date-time.` } });
const toArray = ({ value }: { value: unknown }) => (value === undefined ? undefined : Array.isArray(value) ? value : String(value).split(','));

export class ProjectCreateDto {
  @ApiProperty({ example: '有機農業体験と収穫祭の運営ボランティア', maxLength: TITLE_MAX })
  @IsString()
  @IsNotEmpty({ context: { ja: 'タイトルを入力してください。', en: 'Title is required.' } })
  @MaxLength(TITLE_MAX, { context: { ja: `タイトルは${TITLE_MAX}文字以内で入力してください。`, en: `Title must be at most ${TITLE_MAX} characters.` } })
  title: string;

  @ApiProperty({ example: '地域の有機農家と一緒に…', maxLength: DESCRIPTION_MAX })
  @IsString()
  @IsNotEmpty({ context: { ja: '説明を入力してください。', en: 'Description is required.' } })
  @MaxLength(DESCRIPTION_MAX, { context: { ja: `説明は${DESCRIPTION_MAX}文字以内で入力してください。`, en: `Description must be at most ${DESCRIPTION_MAX} characters.` } })
  description: string;

  @ApiProperty({ example: '152048', description: '主催市区町村の全国地方公共団体コード（5桁または6桁、政令市の区は市に読み替え）' })
  @IsString()
  @MaxLength(12)
  hostMunicipalityCode: string;

  @ApiPropertyOptional({ type: [String], example: ['152056'], description: '共催市区町村（広域）' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CO_HOSTS_MAX)
  @IsString({ each: true })
  @MaxLength(12, { each: true })
  coHostMunicipalityCodes?: string[];

  @ApiProperty({ enum: PROJECT_CATEGORIES, description: '地方創生2.0 の5本柱' })
  @IsIn(PROJECT_CATEGORIES, { context: { ja: `分類は ${PROJECT_CATEGORIES.join(', ')} のいずれかです。`, en: 'Unknown category.' } })
  category: ProjectCategory;

  @ApiPropertyOptional({ type: [String], enum: SECTOR_TAGS, example: ['農業', '観光'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(SECTOR_TAGS, { each: true, context: { ja: '分野タグは決められた一覧から選んでください。', en: 'Unknown sector tag.' } })
  tags?: string[];

  @ApiPropertyOptional({ type: [String], example: ['草刈り', '写真撮影'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(40, { each: true })
  requiredSkills?: string[];

  @ApiProperty({ enum: PROJECT_MODES })
  @IsIn(PROJECT_MODES)
  mode: ProjectMode;

  @ApiProperty({ example: '2027-05-10T09:00:00+09:00' })
  @IsISO8601(ISO, isoMessage('開始日時'))
  startsAt: string;

  @ApiProperty({ example: '2027-05-10T16:00:00+09:00' })
  @IsISO8601(ISO, isoMessage('終了日時'))
  endsAt: string;

  @ApiProperty({ example: '2027-04-30T23:59:00+09:00', description: '開始日時以前' })
  @IsISO8601(ISO, isoMessage('応募締切'))
  applicationDeadline: string;

  @ApiProperty({ minimum: 1, maximum: 10000, example: 10 })
  @IsInt()
  @Min(1, { context: { ja: '定員は1以上で指定してください。', en: 'Capacity must be at least 1.' } })
  @Max(10000)
  capacity: number;

  @ApiProperty({ enum: COMPENSATIONS, description: 'volunteer 無償 / paid 有償 / travel_support 交通費支援' })
  @IsIn(COMPENSATIONS)
  compensation: Compensation;
}

export class ProjectUpdateDto {
  @ApiPropertyOptional({ maxLength: TITLE_MAX })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ context: { ja: 'タイトルを入力してください。', en: 'Title is required.' } })
  @MaxLength(TITLE_MAX, { context: { ja: `タイトルは${TITLE_MAX}文字以内で入力してください。`, en: `Title must be at most ${TITLE_MAX} characters.` } })
  title?: string;

  @ApiPropertyOptional({ maxLength: DESCRIPTION_MAX })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ context: { ja: '説明を入力してください。', en: 'Description is required.' } })
  @MaxLength(DESCRIPTION_MAX, { context: { ja: `説明は${DESCRIPTION_MAX}文字以内で入力してください。`, en: `Description must be at most ${DESCRIPTION_MAX} characters.` } })
  description?: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CO_HOSTS_MAX)
  @IsString({ each: true })
  @MaxLength(12, { each: true })
  coHostMunicipalityCodes?: string[];

  @ApiPropertyOptional({ enum: PROJECT_CATEGORIES })
  @IsOptional()
  @IsIn(PROJECT_CATEGORIES)
  category?: ProjectCategory;

  @ApiPropertyOptional({ type: [String], enum: SECTOR_TAGS })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsIn(SECTOR_TAGS, { each: true, context: { ja: '分野タグは決められた一覧から選んでください。', en: 'Unknown sector tag.' } })
  tags?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(40, { each: true })
  requiredSkills?: string[];

  @ApiPropertyOptional({ enum: PROJECT_MODES })
  @IsOptional()
  @IsIn(PROJECT_MODES)
  mode?: ProjectMode;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601(ISO, isoMessage('開始日時'))
  startsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601(ISO, isoMessage('終了日時'))
  endsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601(ISO, isoMessage('応募締切'))
  applicationDeadline?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000 })
  @IsOptional()
  @IsInt()
  @Min(1, { context: { ja: '定員は1以上で指定してください。', en: 'Capacity must be at least 1.' } })
  @Max(10000)
  capacity?: number;

  @ApiPropertyOptional({ enum: COMPENSATIONS })
  @IsOptional()
  @IsIn(COMPENSATIONS)
  compensation?: Compensation;
}

export class ProjectCancelDto {
  @ApiPropertyOptional({ example: '台風接近のため中止します。', maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class ProjectDiscoveryQueryDto {
  @ApiPropertyOptional({ example: '15', description: '都道府県コード（主催・共催のいずれか）' })
  @IsOptional()
  @Matches(/^(0[1-9]|[1-3]\d|4[0-7])$/, { context: { ja: '都道府県コードは01〜47の2桁で指定してください。', en: 'prefectureCode is 01–47.' } })
  prefectureCode?: string;

  @ApiPropertyOptional({ example: '152048', description: '市区町村コード（主催・共催のいずれか）' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  municipalityCode?: string;

  @ApiPropertyOptional({ enum: PROJECT_CATEGORIES })
  @IsOptional()
  @IsIn(PROJECT_CATEGORIES)
  category?: ProjectCategory;

  @ApiPropertyOptional({ enum: SECTOR_TAGS })
  @IsOptional()
  @IsIn(SECTOR_TAGS, { context: { ja: '分野タグは決められた一覧から選んでください。', en: 'Unknown sector tag.' } })
  tag?: string;

  @ApiPropertyOptional({ enum: PROJECT_MODES })
  @IsOptional()
  @IsIn(PROJECT_MODES)
  mode?: ProjectMode;

  @ApiPropertyOptional({ example: '2027-04-01T00:00:00+09:00' })
  @IsOptional()
  @IsISO8601(ISO, isoMessage('startsFrom'))
  startsFrom?: string;

  @ApiPropertyOptional({ example: '2027-06-30T23:59:59+09:00' })
  @IsOptional()
  @IsISO8601(ISO, isoMessage('startsTo'))
  startsTo?: string;

  @ApiPropertyOptional({ type: [String], description: 'いずれかのスキルを求めるプロジェクト（カンマ区切りまたは繰り返し）' })
  @IsOptional()
  @Transform(toArray)
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  skills?: string[];

  @ApiPropertyOptional({
    example: '蕎麦',
    description: '部分一致のキーワード（空白区切りで AND、1文字から）。同義語も探す（例: 農家 → 農業・農作業）。指定時は関連度順（タイトル一致が先）',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

export class StaffProjectsQueryDto {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status?: ProjectStatus;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}

export class ProjectResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PROJECT_STATUSES }) status: ProjectStatus;
  @ApiProperty() title: string;
  @ApiProperty() description: string;
  @ApiProperty({ example: '152048' }) hostMunicipalityCode: string;
  @ApiProperty({ type: [String] }) coHostMunicipalityCodes: string[];
  @ApiProperty({ type: [String], example: ['15'] }) prefectureCodes: string[];
  @ApiProperty({ enum: PROJECT_CATEGORIES }) category: ProjectCategory;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [String] }) requiredSkills: string[];
  @ApiProperty({ enum: PROJECT_MODES }) mode: ProjectMode;
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ format: 'date-time' }) applicationDeadline: string;
  @ApiProperty() capacity: number;
  @ApiProperty({ enum: COMPENSATIONS }) compensation: Compensation;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) cancelledAt: string | null;
}

export class ProjectPageResponseDto {
  @ApiProperty({ type: [ProjectResponseDto] }) items: ProjectResponseDto[];
  @ApiProperty({ nullable: true, type: String, description: '次のページの cursor（最後のページでは null）' }) nextCursor: string | null;
}
