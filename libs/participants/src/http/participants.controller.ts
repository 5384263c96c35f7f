import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor, type Actor } from '@app/identity';
import { ConsentService } from '../application/consent.service';
import { ProfileService } from '../application/profile.service';
import { RegistrationService } from '../application/registration.service';
import { CONSENT_PURPOSES } from '../domain/consent';
import {
  ConsentPutDto,
  ConsentStateResponseDto,
  ProfilePutDto,
  ProfileResponseDto,
  RegistrationCreateDto,
  RegistrationListResponseDto,
  RegistrationResponseDto,
} from './participants.dto';

/** The participant's own profile and consents. */
@ApiTags('participants')
@Controller('me')
@Auth('participant')
export class MeProfileController {
  constructor(
    private readonly profiles: ProfileService,
    private readonly consents: ConsentService,
  ) {}

  @Get('profile')
  @ApiOperation({ summary: '自分のプロフィール' })
  @ApiOkResponse({ type: ProfileResponseDto })
  getProfile(@CurrentActor() actor: Actor): Promise<ProfileResponseDto> {
    return this.profiles.get(actor.userId);
  }

  @Put('profile')
  @ApiOperation({ summary: 'プロフィールを保存（全体を置き換え）' })
  @ApiOkResponse({ type: ProfileResponseDto })
  putProfile(@CurrentActor() actor: Actor, @Body() body: ProfilePutDto): Promise<ProfileResponseDto> {
    return this.profiles.put(actor.userId, body);
  }

  @Get('consents')
  @ApiOperation({ summary: '同意の状態（目的ごと、連絡先提供は市区町村ごとにも）' })
  @ApiOkResponse({ type: [ConsentStateResponseDto] })
  getConsents(@CurrentActor() actor: Actor): Promise<ConsentStateResponseDto[]> {
    return this.consents.list(actor.userId);
  }

  @Put('consents/:purpose')
  @ApiOperation({ summary: '同意する・撤回する', description: '履歴として記録（上書きしない）。文面の版も記録。' })
  @ApiParam({ name: 'purpose', enum: CONSENT_PURPOSES })
  @ApiOkResponse({ type: ConsentStateResponseDto })
  putConsent(@CurrentActor() actor: Actor, @Param('purpose') purpose: string, @Body() body: ConsentPutDto): Promise<ConsentStateResponseDto> {
    return this.consents.set(actor.userId, purpose, body.granted, body.municipalityCode);
  }
}

/** ふるさと住民登録 of the participant. */
@ApiTags('participants')
@Controller('me/registrations')
@Auth('participant')
export class MeRegistrationsController {
  constructor(private readonly registrations: RegistrationService) {}

  @Get()
  @ApiOperation({ summary: 'ふるさと住民登録の一覧（プレミアムの条件と不足回数つき）' })
  @ApiOkResponse({ type: RegistrationListResponseDto })
  list(@CurrentActor() actor: Actor): Promise<RegistrationListResponseDto> {
    return this.registrations.list(actor.userId);
  }

  @Post()
  @ApiOperation({ summary: 'ふるさと住民登録（ベーシック）', description: '居住地の市区町村・重複・上限超過は登録不可。' })
  @ApiCreatedResponse({ type: RegistrationResponseDto })
  register(@CurrentActor() actor: Actor, @Body() body: RegistrationCreateDto): Promise<RegistrationResponseDto> {
    return this.registrations.register(actor.userId, body.municipalityCode);
  }

  @Delete(':municipalityCode')
  @HttpCode(204)
  @ApiOperation({ summary: 'ふるさと住民登録を取り消す（履歴は残る）' })
  @ApiParam({ name: 'municipalityCode', example: '152048' })
  @ApiNoContentResponse()
  async withdraw(@CurrentActor() actor: Actor, @Param('municipalityCode') code: string): Promise<void> {
    await this.registrations.withdraw(actor.userId, code);
  }

  @Post(':municipalityCode/premium')
  @HttpCode(200)
  @ApiOperation({ summary: 'プレミアム登録を申請（条件を満たす場合のみ、1年有効・再申請で更新）' })
  @ApiParam({ name: 'municipalityCode', example: '152048' })
  @ApiOkResponse({ type: RegistrationResponseDto })
  requestPremium(@CurrentActor() actor: Actor, @Param('municipalityCode') code: string): Promise<RegistrationResponseDto> {
    return this.registrations.requestPremium(actor.userId, code);
  }
}
