import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { MatchReasonDto } from './matching.dto';

export class ProjectIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { context: { ja: 'プロジェクトIDの形式が正しくありません。', en: 'id must be a UUID.' } })
  id: string;
}

export class InvitationIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { context: { ja: '招待IDの形式が正しくありません。', en: 'id must be a UUID.' } })
  id: string;
}

export class ScoutListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit: number = 20;
}

export class InvitationCreateDto {
  @ApiProperty({ description: 'candidateId from GET /projects/{id}/candidates (opaque, valid for this project only)' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  candidateId: string;

  @ApiPropertyOptional({ maxLength: 1000, example: '町のWebサイトづくりにお力を貸してください。' })
  @IsOptional()
  @IsString()
  @MaxLength(1000, { context: { ja: 'メッセージは1,000文字以内で入力してください。', en: 'message must be at most 1,000 characters.' } })
  message?: string;
}

export class ScoutCandidateDto {
  @ApiProperty({ description: 'Opaque handle to invite this candidate; not the participant id' }) candidateId: string;
  @ApiProperty({ example: '候補者-3FA9C2', description: 'Stable within this project only' }) pseudonym: string;
  @ApiProperty() score: number;
  @ApiProperty({ type: [MatchReasonDto] }) reasons: MatchReasonDto[];
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ type: [String] }) interests: string[];
  @ApiProperty({ type: [String] }) modes: string[];
  @ApiProperty({ type: [String] }) availability: string[];
  @ApiProperty() participantType: string;
  @ApiProperty({ example: '13' }) residencePrefectureCode: string;
}

export class ScoutCandidateListDto {
  @ApiProperty({ type: [ScoutCandidateDto] }) items: ScoutCandidateDto[];
}

export class RevealedParticipantDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
}

export class StaffInvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() pseudonym: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined'] }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) respondedAt: string | null;
  @ApiProperty({ type: RevealedParticipantDto, nullable: true, description: 'Only after the participant accepted' })
  participant: RevealedParticipantDto | null;
}

export class StaffInvitationListDto {
  @ApiProperty({ type: [StaffInvitationDto] }) items: StaffInvitationDto[];
}

export class MyInvitationDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() projectTitle: string;
  @ApiProperty({ nullable: true, type: String }) message: string | null;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined'] }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) respondedAt: string | null;
}

export class MyInvitationListDto {
  @ApiProperty({ type: [MyInvitationDto] }) items: MyInvitationDto[];
}
