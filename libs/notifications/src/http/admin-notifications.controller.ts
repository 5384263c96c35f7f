import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth } from '@app/identity';
import { NotificationsAdminService } from '../application/notifications-admin.service';
import {
  FailuresPageResponseDto,
  FailuresQueryDto,
  OrganizationIdParamDto,
  WebhookEndpointDto,
  WebhookEndpointResponseDto,
} from './notifications.dto';

/** Operators: failed deliveries (kept for inspection) and municipal webhook endpoints. */
@ApiTags('admin')
@Controller('admin/notifications')
@Auth('admin')
export class AdminNotificationsController {
  constructor(private readonly admin: NotificationsAdminService) {}

  @Get('failures')
  @ApiOperation({ summary: 'Deliveries failing (retrying) or failed permanently, newest first' })
  @ApiOkResponse({ type: FailuresPageResponseDto })
  failures(@Query() q: FailuresQueryDto): Promise<FailuresPageResponseDto> {
    return this.admin.failures(q.limit, q.cursor);
  }

  @Put('webhooks/:organizationId')
  @ApiOperation({ summary: 'Set the webhook endpoint (URL + signing secret) of an organization’s system' })
  @ApiOkResponse({ type: WebhookEndpointResponseDto })
  async setWebhook(@Param() p: OrganizationIdParamDto, @Body() body: WebhookEndpointDto): Promise<WebhookEndpointResponseDto> {
    await this.admin.setWebhook(p.organizationId, body);
    return { organizationId: p.organizationId, url: body.url, enabled: body.enabled };
  }
}
