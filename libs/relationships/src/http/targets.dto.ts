import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, Max, Min, ValidateNested } from 'class-validator';
import { ScopeRefDto } from './stats.dto';

export class MilestoneInputDto {
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2000) @Max(2100) fiscalYear: number;
  @ApiProperty({ example: 5000 }) @IsInt() @Min(0) @Max(1_000_000_000) value: number;
}

export class TargetPutDto {
  @ApiProperty({ enum: ['real_persons', 'cumulative_persons'] })
  @IsIn(['real_persons', 'cumulative_persons'])
  metric: 'real_persons' | 'cumulative_persons';

  @ApiProperty({ example: 2034, description: '目標年度' }) @IsInt() @Min(2000) @Max(2100) targetFiscalYear: number;

  @ApiProperty({ example: 20000 }) @IsInt() @Min(0) @Max(1_000_000_000) targetValue: number;

  @ApiPropertyOptional({ type: [MilestoneInputDto], description: '工程表: values for 1, 3 and 5 years after the baseline 年度' })
  @IsOptional()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => MilestoneInputDto)
  milestones?: MilestoneInputDto[];
}

export class MilestoneDto {
  @ApiProperty({ example: 1 }) years: number;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ type: Number, nullable: true, description: 'null when derived from a suppressed baseline' }) value: number | null;
  @ApiProperty({ description: 'false = derived from the straight-line path' }) explicit: boolean;
}

export class TargetProgressDto {
  @ApiProperty({ example: 'real_persons' }) metric: string;
  @ApiProperty({ example: 1 }) version: number;
  @ApiProperty() targetFiscalYear: number;
  @ApiProperty() targetValue: number;
  @ApiProperty() baselineDate: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null when suppressed' }) baselineValue: number | null;
  @ApiProperty({ type: [MilestoneDto] }) milestones: MilestoneDto[];
  @ApiProperty({ type: Number, nullable: true, description: 'actual count on the date; null when suppressed' }) actual: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'straight-line path value on the date; null when suppressed (it reveals the baseline)' })
  planned: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'actual − planned (negative = behind); null when suppressed' }) gap: number | null;
  @ApiProperty({ type: Number, nullable: true }) achievementRate: number | null;
  @ApiPropertyOptional({
    enum: [true],
    description: '秘匿: below prefecture level, for non-admins, the actual or baseline count is 1 ≤ v < k — every figure computed from a count is null',
  })
  suppressed?: true;
  @ApiPropertyOptional({ example: '10未満' }) label?: string;
  @ApiProperty() updatedAt: string;
}

export class TargetsResponseDto {
  @ApiProperty({ type: ScopeRefDto }) scope: ScopeRefDto;
  @ApiProperty() date: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ type: [TargetProgressDto] }) targets: TargetProgressDto[];
}
