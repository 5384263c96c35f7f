import { Body, Controller, Delete, Get, HttpCode } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError, PlatformErrorCode } from '@app/platform/errors';
import { IdentityService } from '../application/identity.service';
import type { Actor } from '../domain/role';
import { Auth, CurrentActor } from './auth.decorators';
import { AccountDeleteDto, AccountResponseDto } from './auth.dto';

@ApiTags('me')
@Controller('me')
export class AccountController {
  constructor(private readonly identity: IdentityService) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: 'The caller’s account: email, role, display name and staff scope' })
  @ApiOkResponse({ type: AccountResponseDto })
  async me(@CurrentActor() actor: Actor): Promise<AccountResponseDto> {
    const account = await this.identity.getAccount(actor.userId);
    if (!account) throw new AppError(PlatformErrorCode.UNAUTHENTICATED);
    return {
      ...account,
      scope: {
        municipalityCodes: actor.municipalityCodes,
        prefectureCodes: actor.prefectureCodes,
        companyIds: actor.companyIds,
      },
    };
  }

  @Delete()
  @HttpCode(204)
  @Auth('participant')
  @ApiOperation({
    summary: 'Delete my account (password required)',
    description: 'Personal data is removed at once; relationships end from today, past counts stay (pseudonymous history).',
  })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: 'PASSWORD_CONFIRMATION_FAILED' })
  async deleteMe(@CurrentActor() actor: Actor, @Body() body: AccountDeleteDto): Promise<void> {
    await this.identity.deleteOwnAccount(actor.userId, body.password, actor.requestId);
  }
}
