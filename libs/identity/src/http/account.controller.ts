import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AppError, PlatformErrorCode } from '@app/platform/errors';
import { IdentityService } from '../application/identity.service';
import type { Actor } from '../domain/role';
import { Auth, CurrentActor } from './auth.decorators';
import { AccountResponseDto } from './auth.dto';

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
}
