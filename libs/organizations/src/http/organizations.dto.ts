import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export class MunicipalityOrganizationCreateDto {
  @ApiProperty({ description: '5- or 6-digit 全国地方公共団体コード', example: '131016' })
  @IsString()
  @Matches(/^[0-9０-９]{5,6}$/, { context: { ja: '地方公共団体コードは5桁または6桁の数字です。', en: 'A local government code has 5 or 6 digits.' } })
  municipalityCode: string;
}

export class PrefectureOrganizationCreateDto {
  @ApiProperty({ description: '2-digit prefecture code', example: '13' })
  @IsString()
  @Matches(/^(0[1-9]|[1-3][0-9]|4[0-7])$/, { context: { ja: '都道府県コードは01〜47です。', en: 'A prefecture code is 01–47.' } })
  prefectureCode: string;
}

export class CompanyCreateDto {
  @ApiProperty({ example: '株式会社かかわり' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ description: '法人番号: 13 digits, the first is the check digit', example: '7000012050002' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  corporateNumber?: string;
}

export class OrganizationResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['municipality', 'prefecture', 'company'] }) kind: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) municipalityCode: string | null;
  @ApiProperty({ nullable: true, type: String }) prefectureCode: string | null;
  @ApiProperty({ nullable: true, type: String }) corporateNumber: string | null;
  @ApiProperty() createdAt: Date;
}

export class OrganizationPageResponseDto {
  @ApiProperty({ type: [OrganizationResponseDto] }) items: OrganizationResponseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class OrganizationListQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;
}

export class StaffAccountCreateDto {
  @ApiProperty({ example: 'staff@city.example.lg.jp' })
  @IsEmail({ allow_utf8_local_part: true })
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 8, maxLength: 128 })
  @IsString()
  @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;
}

export class UserCreateDto extends StaffAccountCreateDto {
  @ApiProperty({ enum: ['hq_analyst', 'admin'], description: 'Staff of organizations are created under /admin/organizations/{id}/staff.' })
  @IsIn(['hq_analyst', 'admin'])
  role: 'hq_analyst' | 'admin';
}

export class StaffAccountResponseDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() role: string;
  @ApiPropertyOptional({ format: 'uuid' }) organizationId?: string;
}

/** Named apart from matching's InvitationCreateDto: OpenAPI schemas share one namespace. */
export class CompanyInvitationCreateDto {
  @ApiProperty({ example: 'employee@example.co.jp' })
  @IsEmail({ allow_utf8_local_part: true })
  @MaxLength(254)
  email: string;
}

export class InvitationResponseDto {
  @ApiProperty({ format: 'uuid' }) invitationId: string;
  @ApiProperty({ description: 'One-time token to send to the employee (shown once).' }) token: string;
  @ApiProperty() expiresAt: Date;
}

export class InvitationAcceptDto {
  @ApiProperty()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  token: string;
}

export class InvitationAcceptResponseDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
}
