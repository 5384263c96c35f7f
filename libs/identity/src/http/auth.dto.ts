import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** Full-width and padded input (Ｔａｒｏ@… ) is accepted; the service normalizes further. */
export const NormalizeEmailInput = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFKC').trim() : value));

const REMEMBER_DOC =
  'Browsers (`X-Kakawari-Session: cookie`): keep the refresh cookie for REFRESH_TOKEN_TTL_DAYS, so that new tabs and a ' +
  'restarted browser stay signed in (「ログインしたままにする」, for one\'s own phone or PC). Without it the cookie ends ' +
  'when the browser closes. Sent again with each refresh, which renews the cookie the same way.';

export class LoginDto {
  @ApiProperty({ example: 'taro@example.jp' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'ふるさとへ帰ろう2026' })
  @IsString()
  @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({ description: REMEMBER_DOC })
  @IsOptional()
  @IsBoolean()
  remember?: boolean;
}

export class RegisterDto {
  @ApiProperty({ example: 'taro@example.jp' })
  @NormalizeEmailInput()
  @IsEmail({ allow_utf8_local_part: true })
  @MaxLength(254)
  email: string;

  @ApiProperty({ description: '8–128 characters; any script; very common passwords are refused.', minLength: 8, maxLength: 128 })
  @IsString()
  @MaxLength(1024)
  password: string;

  @ApiPropertyOptional({ example: '関わり 太郎', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;
}

/** Refresh: the token in the body (API clients) or, when absent, the httpOnly cookie (browsers). */
export class RefreshRequestDto {
  @ApiPropertyOptional({ description: 'The opaque refresh token from login or the previous refresh; omit to use the refresh cookie.' })
  @IsOptional()
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  refreshToken?: string;

  @ApiPropertyOptional({ description: REMEMBER_DOC })
  @IsOptional()
  @IsBoolean()
  remember?: boolean;
}

export class LogoutDto extends OmitType(RefreshRequestDto, ['remember'] as const) {}

export class AccountDeleteDto {
  @ApiProperty({ description: 'The current password, to confirm.' })
  @IsString()
  @MaxLength(1024)
  password: string;
}

export class TokenPairResponseDto {
  @ApiProperty() accessToken: string;
  @ApiPropertyOptional({ description: 'Absent when it was set as the httpOnly refresh cookie (X-Kakawari-Session: cookie).' })
  refreshToken?: string;
  @ApiProperty({ description: 'Access-token lifetime in seconds.' }) expiresIn: number;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
}

export class RegisterResponseDto {
  @ApiProperty({ example: 'accepted' }) status: 'accepted';
  @ApiProperty() message: string;
}

export class ActorScopeDto {
  @ApiProperty({ type: [String] }) municipalityCodes: string[];
  @ApiProperty({ type: [String] }) prefectureCodes: string[];
  @ApiProperty({ type: [String] }) companyIds: string[];
}

export class AccountResponseDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['participant', 'company_admin', 'municipality_staff', 'prefecture_staff', 'hq_analyst', 'admin'] }) role: string;
  @ApiProperty({ enum: ['active', 'disabled'] }) status: string;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: ActorScopeDto }) scope: ActorScopeDto;
}
