import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';
import { METRIC_IDS, SCOPE_TYPES, type MetricId, type ScopeType } from '../domain/metrics';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayMsg = { message: 'YYYY-MM-DD 形式の日付を指定してください', context: { ja: 'YYYY-MM-DD 形式の日付を指定してください', en: 'must be a YYYY-MM-DD date' } };

export class StatsDateQueryDto {
  @ApiPropertyOptional({ description: 'Date (Asia/Tokyo), default today', example: '2026-03-31' })
  @IsOptional()
  @Matches(DAY, dayMsg)
  date?: string;
}

export class StatsTimeseriesQueryDto {
  @ApiProperty({ enum: SCOPE_TYPES }) @IsIn(SCOPE_TYPES as string[]) scopeType: ScopeType;
  @ApiProperty({ example: 'JP' }) @Matches(/^[A-Za-z0-9_]{1,20}$/) code: string;
  @ApiPropertyOptional({ enum: METRIC_IDS, default: 'real_persons' }) @IsOptional() @IsIn(METRIC_IDS as string[]) metric?: MetricId;
  @ApiPropertyOptional({ enum: ['month', 'fiscal_year'], default: 'month' }) @IsOptional() @IsIn(['month', 'fiscal_year']) interval?: 'month' | 'fiscal_year';
  @ApiProperty({ example: '2016-04-01' }) @Matches(DAY, dayMsg) from: string;
  @ApiProperty({ example: '2026-03-31' }) @Matches(DAY, dayMsg) to: string;
}

export const BREAKDOWN_DIMENSIONS = ['basis', 'tier', 'participant_type', 'origin_prefecture', 'category'] as const;
export class StatsBreakdownQueryDto extends StatsDateQueryDto {
  @ApiProperty({ enum: SCOPE_TYPES }) @IsIn(SCOPE_TYPES as string[]) scopeType: ScopeType;
  @ApiProperty({ example: '13' }) @Matches(/^[A-Za-z0-9_]{1,20}$/) code: string;
  @ApiProperty({ enum: BREAKDOWN_DIMENSIONS }) @IsIn(BREAKDOWN_DIMENSIONS as unknown as string[]) dimension: (typeof BREAKDOWN_DIMENSIONS)[number];
}

export class PublishedValueDto {
  @ApiProperty({ example: 'real_persons' }) metric: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed (秘匿)' }) value: number | null;
  @ApiPropertyOptional({ example: true }) suppressed?: boolean;
  @ApiPropertyOptional({ example: '10未満' }) label?: string;
}

export class PeriodDto {
  @ApiProperty() from: string;
  @ApiProperty() to: string;
}

export class SummaryMetricDto extends PublishedValueDto {
  @ApiPropertyOptional({ type: PeriodDto }) period?: PeriodDto;
}

export class NationalTargetsDto {
  @ApiProperty({ example: 10000000 }) realPersons: number;
  @ApiProperty({ example: 100000000 }) cumulativePersons: number;
  @ApiProperty({ example: 2034 }) fiscalYear: number;
}

export class StatsSummaryDto {
  @ApiProperty() date: string;
  @ApiProperty({ description: '年度 (April–March, Asia/Tokyo)' }) fiscalYear: number;
  @ApiProperty({ description: '実人数 (real_persons@1)' }) realPersons: number;
  @ApiProperty({ description: '延べ人数 (cumulative_persons@1)' }) cumulativePersons: number;
  @ApiProperty({ type: NationalTargetsDto }) targets: NationalTargetsDto;
  @ApiProperty({ type: [SummaryMetricDto] }) metrics: SummaryMetricDto[];
}

export class ScopeRefDto {
  @ApiProperty({ enum: SCOPE_TYPES }) type: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: Number, nullable: true }) population?: number | null;
}

export class RatedValueDto extends PublishedValueDto {
  @ApiProperty({ type: Number, nullable: true, description: 'per 1,000 residents where population is loaded' }) per1000Residents: number | null;
}

export class ChildScopeDto {
  @ApiProperty() scopeType: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: Number, nullable: true }) population: number | null;
  @ApiProperty({ type: [RatedValueDto] }) metrics: RatedValueDto[];
}

export class StatsScopeDto {
  @ApiProperty({ type: ScopeRefDto }) scope: ScopeRefDto;
  @ApiProperty() date: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ type: [RatedValueDto] }) metrics: RatedValueDto[];
  @ApiProperty({ type: [ChildScopeDto] }) children: ChildScopeDto[];
}

export class SeriesPointDto {
  @ApiProperty({ example: '2026-03' }) period: string;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty({ type: Number, nullable: true }) value: number | null;
  @ApiPropertyOptional() suppressed?: boolean;
  @ApiPropertyOptional() label?: string;
}

export class StatsTimeseriesDto {
  @ApiProperty({ type: ScopeRefDto }) scope: ScopeRefDto;
  @ApiProperty() metric: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: ['month', 'fiscal_year'] }) interval: string;
  @ApiProperty({ type: [SeriesPointDto] }) points: SeriesPointDto[];
}

export class BreakdownCellDto extends PublishedValueDto {
  @ApiProperty({ example: 'registration_only' }) key: string;
}

export class StatsBreakdownDto {
  @ApiProperty({ type: ScopeRefDto }) scope: ScopeRefDto;
  @ApiProperty() date: string;
  @ApiProperty({ enum: BREAKDOWN_DIMENSIONS }) dimension: string;
  @ApiPropertyOptional({ type: PeriodDto, description: 'category: the 年度 of `date` (活動実人数 per project category)' }) period?: PeriodDto;
  @ApiProperty({ type: [BreakdownCellDto] }) cells: BreakdownCellDto[];
}

export class StatsFlowsQueryDto extends StatsDateQueryDto {}

export class StatsOverlapQueryDto extends StatsDateQueryDto {
  @ApiProperty({ example: '131016' }) @Matches(/^\d{6}$/) a: string;
  @ApiProperty({ example: '131024' }) @Matches(/^\d{6}$/) b: string;
}

export const EXPORT_TABLES = ['children', 'timeseries', 'breakdown', 'flows'] as const;
export class StatsExportQueryDto extends StatsDateQueryDto {
  @ApiProperty({ enum: EXPORT_TABLES, description: '`flows`: the residence → destination prefecture matrix the reader may see (no scope)' })
  @IsIn(EXPORT_TABLES as unknown as string[])
  table: (typeof EXPORT_TABLES)[number];
  @ApiPropertyOptional({ enum: SCOPE_TYPES, description: 'required except for table=flows' })
  @ValidateIf((q: StatsExportQueryDto) => q.table !== 'flows')
  @IsIn(SCOPE_TYPES as string[])
  scopeType: ScopeType;
  @ApiPropertyOptional({ example: 'JP', description: 'required except for table=flows' })
  @ValidateIf((q: StatsExportQueryDto) => q.table !== 'flows')
  @Matches(/^[A-Za-z0-9_]{1,20}$/)
  code: string;
  @ApiPropertyOptional({ enum: ['utf8', 'cp932'], default: 'utf8' }) @IsOptional() @IsIn(['utf8', 'cp932']) encoding?: 'utf8' | 'cp932';
  @ApiPropertyOptional({ enum: BREAKDOWN_DIMENSIONS }) @IsOptional() @IsIn(BREAKDOWN_DIMENSIONS as unknown as string[]) dimension?: (typeof BREAKDOWN_DIMENSIONS)[number];
  @ApiPropertyOptional({ enum: METRIC_IDS }) @IsOptional() @IsIn(METRIC_IDS as string[]) metric?: MetricId;
  @ApiPropertyOptional({ description: 'timeseries: first day' }) @IsOptional() @Matches(DAY, dayMsg) from?: string;
}

export class FlowCellDto extends PublishedValueDto {
  @ApiProperty({ example: '13', description: 'origin (residence) prefecture' }) origin: string;
  @ApiProperty({ example: '47', description: 'destination prefecture' }) destination: string;
}

export class StatsFlowsDto {
  @ApiProperty() date: string;
  @ApiProperty() metric: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: [FlowCellDto] }) cells: FlowCellDto[];
}

export class OverlapSideDto extends PublishedValueDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
}

export class StatsOverlapDto {
  @ApiProperty() date: string;
  @ApiProperty({ type: OverlapSideDto }) a: OverlapSideDto;
  @ApiProperty({ type: OverlapSideDto }) b: OverlapSideDto;
  @ApiProperty({ type: PublishedValueDto, description: 'persons related to both' }) both: PublishedValueDto;
}

export class CompanyParticipationCellDto {
  @ApiProperty({ example: '47', description: 'prefecture code (byPrefecture) or project category (byCategory; unknown = not recorded)' }) key: string;
  @ApiPropertyOptional({ example: '沖縄県' }) name?: string;
  @ApiProperty({ type: PublishedValueDto, description: '活動実人数 (active_persons@1): distinct employees' }) activePersons: PublishedValueDto;
  @ApiProperty({ type: PublishedValueDto, description: '延べ参加回数 (activities@1)' }) activities: PublishedValueDto;
}

export class CompanyParticipationTotalDto {
  @ApiProperty({ type: PublishedValueDto }) activePersons: PublishedValueDto;
  @ApiProperty({ type: PublishedValueDto }) activities: PublishedValueDto;
}

export class StatsCompanyParticipationDto {
  @ApiProperty() companyId: string;
  @ApiProperty({ description: '年度 of `date`' }) fiscalYear: number;
  @ApiProperty({ type: PeriodDto }) period: PeriodDto;
  @ApiProperty({ type: PublishedValueDto, description: 'employees linked to the company (accepted invitations)' }) employees: PublishedValueDto;
  @ApiProperty({ type: CompanyParticipationTotalDto }) total: CompanyParticipationTotalDto;
  @ApiProperty({ type: [CompanyParticipationCellDto] }) byPrefecture: CompanyParticipationCellDto[];
  @ApiProperty({ type: [CompanyParticipationCellDto] }) byCategory: CompanyParticipationCellDto[];
}

export class CustomRegionCreateDto {
  @ApiProperty({ example: 'setouchi', description: 'lower-case code (a–z, 0–9, _), 2–40 characters; the scope code of type `custom`' })
  @Matches(/^[a-z][a-z0-9_]{1,39}$/, { message: 'コードは英小文字で始まる 2〜40 文字の英小文字・数字・_ です', context: { ja: 'コードは英小文字で始まる 2〜40 文字の英小文字・数字・_ です', en: 'code: a lower-case letter, then 1–39 of a–z, 0–9, _' } })
  code: string;
  @ApiProperty({ example: '瀬戸内広域リージョン' })
  @IsString()
  @Length(1, 100, { message: '名称は 1〜100 文字です', context: { ja: '名称は 1〜100 文字です', en: 'name: 1–100 characters' } })
  name: string;
  @ApiProperty({ type: [String], example: ['342076', '372013'], description: '6-digit 全国地方公共団体コード' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1741)
  @Matches(/^\d{6}$/, { each: true, message: '市区町村コードは 6 桁です', context: { ja: '市区町村コードは 6 桁です', en: 'municipality codes have 6 digits' } })
  municipalityCodes: string[];
}

export class CustomRegionUpdateDto extends OmitType(CustomRegionCreateDto, ['code'] as const) {}

export class CustomRegionDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: [String] }) municipalityCodes: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CustomRegionCreatedDto extends CustomRegionDto {
  @ApiProperty({ description: 'persons whose history was backfilled into the new scope' }) backfilledPersons: number;
}

export class CustomRegionListDto {
  @ApiProperty({ type: [CustomRegionDto] }) items: CustomRegionDto[];
}
