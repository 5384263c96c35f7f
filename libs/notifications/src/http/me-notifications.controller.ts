import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor, type Actor } from '@app/identity';
import { InboxService } from '../application/inbox.service';
import { PreferencesService } from '../application/preferences.service';
import {
  InboxPageResponseDto,
  InboxQueryDto,
  MarkAllReadResponseDto,
  PreferencesResponseDto,
  PreferencesUpdateDto,
  UnreadCountResponseDto,
} from './notifications.dto';

/** The signed-in person's in-app inbox and notification preferences. */
@ApiTags('me')
@Controller('me')
@Auth()
export class MeNotificationsController {
  constructor(
    private readonly inbox: InboxService,
    private readonly preferences: PreferencesService,
  ) {}

  @Get('notifications')
  @ApiOperation({ summary: 'My notifications, newest first (cursor pagination)' })
  @ApiOkResponse({ type: InboxPageResponseDto })
  list(@CurrentActor() actor: Actor, @Query() q: InboxQueryDto): Promise<InboxPageResponseDto> {
    return this.inbox.list(actor.userId, { cursor: q.cursor, limit: q.limit, unreadOnly: q.unreadOnly });
  }

  @Get('notifications/unread-count')
  @ApiOperation({ summary: 'How many of my notifications are unread' })
  @ApiOkResponse({ type: UnreadCountResponseDto })
  async unreadCount(@CurrentActor() actor: Actor): Promise<UnreadCountResponseDto> {
    return { unread: await this.inbox.unreadCount(actor.userId) };
  }

  @Post('notifications/read-all')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my notifications read' })
  @ApiOkResponse({ type: MarkAllReadResponseDto })
  async markAllRead(@CurrentActor() actor: Actor): Promise<MarkAllReadResponseDto> {
    return { marked: await this.inbox.markAllRead(actor.userId) };
  }

  @Post('notifications/:id/read')
  @HttpCode(204)
  @ApiOperation({ summary: 'Mark one of my notifications read (idempotent; another person’s is 404)' })
  @ApiParam({ name: 'id', example: '1024' })
  @ApiNoContentResponse()
  markRead(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<void> {
    return this.inbox.markRead(actor.userId, id);
  }

  @Get('notification-preferences')
  @ApiOperation({ summary: 'My notification preferences per event type and channel, language, quiet hours' })
  @ApiOkResponse({ type: PreferencesResponseDto })
  getPreferences(@CurrentActor() actor: Actor): Promise<PreferencesResponseDto> {
    return this.preferences.get(actor.userId);
  }

  @Put('notification-preferences')
  @ApiOperation({ summary: 'Change my notification preferences (only the fields given)' })
  @ApiOkResponse({ type: PreferencesResponseDto })
  putPreferences(@CurrentActor() actor: Actor, @Body() body: PreferencesUpdateDto): Promise<PreferencesResponseDto> {
    return this.preferences.update(actor.userId, body);
  }
}
