import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/identity';
import { PreferencesService } from '../application/preferences.service';
import { UnsubscribeQueryDto, UnsubscribeResponseDto } from './notifications.dto';

/** The unsubscribe link of every email: anonymous, authorised by its signed token. */
@ApiTags('notifications')
@Controller('notifications')
export class NotificationsPublicController {
  constructor(private readonly preferences: PreferencesService) {}

  @Get('unsubscribe')
  @Public()
  @ApiOperation({ summary: 'Unsubscribe from an email type (or all email) with the signed link token' })
  @ApiOkResponse({ type: UnsubscribeResponseDto })
  async unsubscribe(@Query() q: UnsubscribeQueryDto): Promise<UnsubscribeResponseDto> {
    const { eventType } = await this.preferences.unsubscribe(q.token);
    return { eventType, message: 'メール配信を停止しました。/ You have been unsubscribed.' };
  }
}
