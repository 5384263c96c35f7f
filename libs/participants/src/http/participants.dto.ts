import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { CONSENT_PURPOSES, type ConsentPurpose } from '../domain/consent';
import { REGISTRATION_TIERS, type RegistrationTier } from '../domain/furusato-registration';
import {
  AVAILABILITY,
  DISPLAY_NAME_MAX,
  INTEREST_CATEGORIES,
  PARTICIPANT_TYPES,
  PARTICIPATION_MODES,
  type Availability,
  type InterestCategory,
  type ParticipantType,
  type ParticipationMode,
} from '../domain/profile';

export class ProfilePutDto {
  @ApiProperty({ example: '山田 花子', maxLength: DISPLAY_NAME_MAX })
  @IsString()
  @IsNotEmpty({ context: { ja: '表示名を入力してください。', en: 'displayName is required.' } })
  @MaxLength(DISPLAY_NAME_MAX, { context: { ja: `表示名は${DISPLAY_NAME_MAX}文字以内で入力してください。`, en: `displayName is at most ${DISPLAY_NAME_MAX} characters.` } })
  displayName: string;

  @ApiProperty({ example: '131041', description: '居住地の市区町村コード（5桁または6桁）' })
  @IsString()
  @IsNotEmpty({ context: { ja: '居住地を指定してください。', en: 'residenceMunicipalityCode is required.' } })
  @MaxLength(12)
  residenceMunicipalityCode: string;

  @ApiPropertyOptional({ example: '152048', nullable: true, type: String, description: '出身地の市区町村コード' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @MaxLength(12)
  hometownMunicipalityCode?: string | null;

  @ApiPropertyOptional({ type: [String], example: ['15', '20'], description: '関心のある都道府県コード' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(47)
  @Matches(/^(0[1-9]|[1-3]\d|4[0-7])$/, { each: true, context: { ja: '都道府県コードは01〜47の2桁で指定してください。', en: 'Prefecture codes are 01–47.' } })
  interestRegionCodes?: string[];

  @ApiPropertyOptional({ type: [String], example: ['写真撮影', 'Web制作'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(40, { each: true })
  skills?: string[];

  @ApiPropertyOptional({ type: [String], enum: INTEREST_CATEGORIES })
  @IsOptional()
  @IsArray()
  @IsIn(INTEREST_CATEGORIES, { each: true })
  interests?: InterestCategory[];

  @ApiPropertyOptional({ type: [String], enum: PARTICIPATION_MODES })
  @IsOptional()
  @IsArray()
  @IsIn(PARTICIPATION_MODES, { each: true })
  modes?: ParticipationMode[];

  @ApiPropertyOptional({ type: [String], enum: AVAILABILITY })
  @IsOptional()
  @IsArray()
  @IsIn(AVAILABILITY, { each: true })
  availability?: Availability[];

  @ApiProperty({ enum: PARTICIPANT_TYPES })
  @IsIn(PARTICIPANT_TYPES, { context: { ja: '参加者の種別は urban_resident / remote_worker / company_employee のいずれかです。', en: 'Unknown participantType.' } })
  participantType: ParticipantType;
}

export class ProfileResponseDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ example: '131041' }) residenceMunicipalityCode: string;
  @ApiPropertyOptional({ nullable: true, type: String }) hometownMunicipalityCode: string | null;
  @ApiProperty({ type: [String] }) interestRegionCodes: string[];
  @ApiProperty({ type: [String] }) skills: string[];
  @ApiProperty({ type: [String], enum: INTEREST_CATEGORIES }) interests: InterestCategory[];
  @ApiProperty({ type: [String], enum: PARTICIPATION_MODES }) modes: ParticipationMode[];
  @ApiProperty({ type: [String], enum: AVAILABILITY }) availability: Availability[];
  @ApiProperty({ enum: PARTICIPANT_TYPES }) participantType: ParticipantType;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class ConsentPutDto {
  @ApiProperty({ description: 'true = 同意, false = 撤回' })
  @IsBoolean()
  granted: boolean;

  @ApiPropertyOptional({ example: '152048', description: 'share_contact_with_hosts のみ: この市区町村だけに対する同意' })
  @IsOptional()
  @IsString()
  @MaxLength(12)
  municipalityCode?: string;
}

export class MunicipalityConsentDto {
  @ApiProperty() municipalityCode: string;
  @ApiProperty() granted: boolean;
  @ApiProperty() policyVersion: string;
  @ApiProperty({ format: 'date-time' }) recordedAt: string;
}

export class ConsentStateResponseDto {
  @ApiProperty({ enum: CONSENT_PURPOSES }) purpose: ConsentPurpose;
  @ApiProperty() granted: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) policyVersion: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) recordedAt: string | null;
  @ApiProperty({ type: [MunicipalityConsentDto] }) municipalities: MunicipalityConsentDto[];
}

export class RegistrationCreateDto {
  @ApiProperty({ example: '152048', description: '登録先の市区町村コード（5桁または6桁）' })
  @IsString()
  @IsNotEmpty({ context: { ja: '市区町村コードを指定してください。', en: 'municipalityCode is required.' } })
  @MaxLength(12)
  municipalityCode: string;
}

export class PremiumEligibilityDto {
  @ApiProperty() eligible: boolean;
  @ApiProperty({ description: '過去12か月の確認済み活動数' }) activitiesInWindow: number;
  @ApiProperty({ description: '必要な活動数 N' }) required: number;
  @ApiProperty({ description: 'あと何回必要か' }) remaining: number;
}

export class RegistrationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() municipalityCode: string;
  @ApiProperty({ enum: REGISTRATION_TIERS }) tier: RegistrationTier;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) premiumGrantedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) premiumExpiresAt: string | null;
  @ApiProperty({ type: PremiumEligibilityDto }) @Type(() => PremiumEligibilityDto) premiumEligibility: PremiumEligibilityDto;
}

export class RegistrationRulesDto {
  @ApiPropertyOptional({ nullable: true, type: Number }) basicCap: number | null;
  @ApiProperty() premiumMinActivities: number;
  @ApiProperty() premiumMaxMunicipalities: number;
  @ApiProperty() windowMonths: number;
}

export class RegistrationListResponseDto {
  @ApiProperty({ type: [RegistrationResponseDto] }) items: RegistrationResponseDto[];
  @ApiProperty({ type: RegistrationRulesDto }) rules: RegistrationRulesDto;
  @ApiProperty() premiumCount: number;
}
