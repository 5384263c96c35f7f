import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { APPLICATION_STATES, type ApplicationState } from '../domain/application-state';

export class ProjectIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { context: { ja: 'プロジェクト ID の形式が正しくありません。', en: 'projectId must be a UUID.' } })
  projectId: string;
}

export class ApplicationIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { context: { ja: '応募 ID の形式が正しくありません。', en: 'id must be a UUID.' } })
  id: string;
}

export class ApplyRequestDto {
  @ApiPropertyOptional({ description: '応募動機（2,000文字まで）', maxLength: 2000, example: '祖父母の住む町で農業を学びたいです。' })
  @IsOptional()
  @IsString()
  @MaxLength(2000, { context: { ja: '応募動機は2,000文字以内で入力してください。', en: 'motivation must be at most 2,000 characters.' } })
  motivation?: string;
}

export class CheckInRequestDto {
  @ApiProperty({ description: '主催者が当日表示する6桁の参加確認コード', example: '042917' })
  @IsString()
  @Length(1, 32, { context: { ja: '参加確認コードを入力してください（6桁の数字）。', en: 'code must be the 6-digit check-in code.' } })
  code: string;
}

export class ApplicationListQueryDto {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

export class StaffApplicationListQueryDto extends ApplicationListQueryDto {
  @ApiPropertyOptional({ enum: APPLICATION_STATES })
  @IsOptional()
  @IsIn(APPLICATION_STATES)
  state?: ApplicationState;
}

export class ApplicationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ format: 'uuid' }) participantId: string;
  @ApiProperty({ enum: APPLICATION_STATES, description: 'applied 応募中 / accepted 承認済み / rejected 不採用 / waitlisted キャンセル待ち / attended 参加済み / no_show 欠席 / withdrawn 辞退 / cancelled 中止' })
  state: ApplicationState;
  @ApiProperty({ type: String, nullable: true }) motivation: string | null;
  @ApiProperty({ description: 'Incremented on every state change' }) version: number;
  @ApiProperty({ format: 'date-time' }) appliedAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acceptedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) rejectedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) waitlistedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) attendedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) noShowAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) withdrawnAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt: string | null;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ApplicantContactDto {
  @ApiProperty() email: string;
  @ApiProperty({ type: String, nullable: true }) displayName: string | null;
}

export class StaffApplicationResponseDto extends ApplicationResponseDto {
  @ApiProperty({ description: 'The participant consented to share contact data with this municipality' })
  contactShared: boolean;
  @ApiProperty({ type: ApplicantContactDto, nullable: true, description: 'Only with consent; each read is audit-logged' })
  contact: ApplicantContactDto | null;
}

export class ApplicationPageResponseDto {
  @ApiProperty({ type: [ApplicationResponseDto] }) items: ApplicationResponseDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class StaffApplicationPageResponseDto {
  @ApiProperty({ type: [StaffApplicationResponseDto] }) items: StaffApplicationResponseDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class CheckInCodeResponseDto {
  @ApiProperty({ description: 'The 6-digit code to show participants today; only its hash is stored', example: '042917' })
  code: string;
  @ApiProperty({ description: 'Day the code is valid for (Asia/Tokyo)', example: '2026-11-28' }) day: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class ActivityResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) applicationId: string;
  @ApiProperty({ format: 'uuid' }) participantId: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: [String], description: 'Host, then co-hosts' }) municipalityCodes: string[];
  @ApiProperty({ format: 'date-time' }) verifiedAt: string;
  @ApiProperty({ enum: ['staff', 'check_in_code'] }) verifiedBy: 'staff' | 'check_in_code';
}

export class CheckInResponseDto {
  @ApiProperty({ type: ApplicationResponseDto }) application: ApplicationResponseDto;
  @ApiProperty({ type: ActivityResponseDto, nullable: true }) activity: ActivityResponseDto | null;
}
