import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { REASON_CODES } from '../domain/scoring';

export class RecommendationsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50, { context: { ja: '件数は1〜50で指定してください。', en: 'limit is 1–50.' } })
  limit: number = 20;
}

export class MatchReasonDto {
  @ApiProperty({ enum: REASON_CODES }) code: string;
  @ApiProperty({ example: 'スキル一致：Webデザイン' }) ja: string;
  @ApiProperty({ example: 'Skill match: Webデザイン' }) en: string;
  @ApiPropertyOptional({ description: 'The skill, category, municipality or prefecture code the reason is about' }) subject?: string;
}

export class RecommendedProjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() title: string;
  @ApiProperty() category: string;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: [String] }) requiredSkills: string[];
  @ApiProperty({ enum: ['onsite', 'remote', 'hybrid'] }) mode: string;
  @ApiProperty({ example: '172014' }) hostMunicipalityCode: string;
  @ApiProperty({ type: [String], description: 'Host first, then co-hosts' }) municipalityCodes: string[];
  @ApiProperty({ type: [String] }) prefectureCodes: string[];
  @ApiProperty({ format: 'date-time' }) startsAt: string;
  @ApiProperty({ format: 'date-time' }) endsAt: string;
  @ApiProperty({ format: 'date-time' }) applicationDeadline: string;
  @ApiProperty() capacity: number;
  @ApiProperty() seatsLeft: number;
  @ApiProperty({ enum: ['volunteer', 'paid', 'travel_support'] }) compensation: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
}

export class RecommendationDto {
  @ApiProperty({ type: RecommendedProjectDto }) project: RecommendedProjectDto;
  @ApiProperty({ description: 'Higher is better; comparable within one response only' }) score: number;
  @ApiProperty({ type: [MatchReasonDto], description: 'Why this project, strongest first (Japanese and English)' }) reasons: MatchReasonDto[];
}

export class RecommendationListDto {
  @ApiProperty({ type: [RecommendationDto] }) items: RecommendationDto[];
}
