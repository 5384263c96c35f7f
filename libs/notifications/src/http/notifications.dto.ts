import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from '../domain/event-types';
import { DELIVERY_STATUSES } from '../domain/delivery-status';

export class InboxQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page (`nextCursor`)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  cursor?: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ type: Boolean, default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  unreadOnly: boolean = false;
}

export class InboxItemResponseDto {
  @ApiProperty({ example: '1024', description: 'Inbox item id (use with POST /me/notifications/{id}/read)' })
  id: string;
  @ApiProperty({ enum: NOTIFICATION_EVENT_TYPES })
  eventType: string;
  @ApiProperty({ example: '【関わり】「棚田の草刈り」への参加が決まりました' })
  subject: string;
  @ApiProperty()
  body: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Ids and values the text was built from (projectId…)' })
  params: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' })
  createdAt: string;
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  readAt: string | null;
}

export class InboxPageResponseDto {
  @ApiProperty({ type: [InboxItemResponseDto] })
  items: InboxItemResponseDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
}

export class UnreadCountResponseDto {
  @ApiProperty({ example: 3 })
  unread: number;
}

export class MarkAllReadResponseDto {
  @ApiProperty({ example: 3, description: 'Items marked read by this call' })
  marked: number;
}

export class QuietHoursDto {
  @ApiProperty({ minimum: 0, maximum: 23, example: 22, description: 'Start hour, Japan time (inclusive)' })
  @IsInt()
  @Min(0)
  @Max(23)
  start: number;
  @ApiProperty({ minimum: 0, maximum: 23, example: 7, description: 'End hour, Japan time (exclusive); may wrap over midnight' })
  @IsInt()
  @Min(0)
  @Max(23)
  end: number;
}

export class EventPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_EVENT_TYPES })
  @IsIn(NOTIFICATION_EVENT_TYPES as unknown as string[])
  eventType: NotificationEventType;
  @ApiProperty({ description: 'Send this event by email' })
  @IsBoolean()
  email: boolean;
  @ApiProperty({ description: 'Fold it into the digest instead of an immediate email' })
  @IsBoolean()
  digest: boolean;
}

export class EventPreferenceResponseDto extends EventPreferenceDto {
  @ApiProperty({ description: 'The in-app inbox always receives every notification', example: true })
  inApp: true;
}

export class PreferencesResponseDto {
  @ApiProperty({ enum: ['ja', 'en'] })
  language: 'ja' | 'en';
  @ApiProperty({ description: 'False after "unsubscribe from all email"' })
  emailEnabled: boolean;
  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'Non-urgent email waits until quiet hours end (Asia/Tokyo)' })
  quietHours: QuietHoursDto | null;
  @ApiProperty({ type: [EventPreferenceResponseDto] })
  events: EventPreferenceResponseDto[];
}

export class PreferencesUpdateDto {
  @ApiPropertyOptional({ enum: ['ja', 'en'] })
  @IsOptional()
  @IsIn(['ja', 'en'])
  language?: 'ja' | 'en';
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  emailEnabled?: boolean;
  @ApiPropertyOptional({ type: QuietHoursDto, nullable: true, description: 'null removes quiet hours' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;
  @ApiPropertyOptional({ type: [EventPreferenceDto] })
  @IsOptional()
  @ArrayMaxSize(NOTIFICATION_EVENT_TYPES.length)
  @ValidateNested({ each: true })
  @Type(() => EventPreferenceDto)
  events?: EventPreferenceDto[];
}

export class UnsubscribeQueryDto {
  @ApiProperty({ description: 'Signed token from the email link' })
  @IsString()
  @MinLength(10)
  @MaxLength(1000)
  token: string;
}

export class UnsubscribeResponseDto {
  @ApiProperty({ example: 'application.accepted', description: "Event type turned off, or '*' for all email" })
  eventType: string;
  @ApiProperty({ example: 'メール配信を停止しました。' })
  message: string;
}

export class FailuresQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}

export class FailedDeliveryResponseDto {
  @ApiProperty() deliveryId: string;
  @ApiProperty() notificationId: string;
  @ApiProperty({ enum: ['in_app', 'email', 'webhook'] }) channel: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status: string;
  @ApiProperty() attempts: number;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError: string | null;
  @ApiProperty({ enum: ['user', 'organization'] }) recipientKind: string;
  @ApiProperty({ format: 'uuid' }) recipientId: string;
  @ApiProperty() eventType: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: Date;
}

export class FailuresPageResponseDto {
  @ApiProperty({ type: [FailedDeliveryResponseDto] })
  items: FailedDeliveryResponseDto[];
  @ApiPropertyOptional({ nullable: true, type: String })
  nextCursor: string | null;
}

export class WebhookEndpointDto {
  @ApiProperty({ example: 'https://system.city.example.lg.jp/kakawari/hook' })
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  url: string;
  @ApiProperty({ description: 'Shared secret for the HMAC-SHA256 signature (≥ 16 chars)' })
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret: string;
  @ApiPropertyOptional({ type: Boolean, default: true })
  @IsOptional()
  @IsBoolean()
  enabled: boolean = true;
}

export class OrganizationIdParamDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organizationId: string;
}

export class WebhookEndpointResponseDto {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() url: string;
  @ApiProperty() enabled: boolean;
}
