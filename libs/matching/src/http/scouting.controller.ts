import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor, type Actor } from '@app/identity';
import { ScoutingService, type MyInvitationView, type StaffInvitationView } from '../application/scouting.service';
import {
  InvitationCreateDto,
  InvitationIdParamDto,
  MyInvitationDto,
  MyInvitationListDto,
  ProjectIdParamDto,
  ScoutCandidateListDto,
  ScoutListQueryDto,
  StaffInvitationDto,
  StaffInvitationListDto,
} from './scouting.dto';

const STAFF = ['municipality_staff', 'prefecture_staff', 'admin'] as const;

/** Host staff: pseudonymous candidates and invitations for one of their projects (out of scope: 404). */
@ApiTags('matching')
@Controller('projects/:id')
export class ScoutingController {
  constructor(private readonly scouting: ScoutingService) {}

  @Get('candidates')
  @Auth(...STAFF)
  @ApiOperation({
    summary: 'スカウト候補（仮名）',
    description: 'スカウトに同意した参加者から、このプロジェクトに合う人を理由つきで。氏名・連絡先・IDは表示しない（承諾後に招待一覧で表示）。',
  })
  @ApiOkResponse({ type: ScoutCandidateListDto })
  async listCandidates(@CurrentActor() actor: Actor, @Param() params: ProjectIdParamDto, @Query() query: ScoutListQueryDto): Promise<ScoutCandidateListDto> {
    return { items: await this.scouting.listCandidates(actor, params.id, query.limit) };
  }

  @Post('invitations')
  @Auth(...STAFF)
  @ApiOperation({
    summary: 'スカウト招待を送る',
    description: '候補者に招待を送り、本人に通知（イベント matching.invitation.created）。同じ人へは1回、プロジェクトごとに24時間あたりの上限あり（429）。',
  })
  @ApiCreatedResponse({ type: StaffInvitationDto })
  async invite(@CurrentActor() actor: Actor, @Param() params: ProjectIdParamDto, @Body() body: InvitationCreateDto): Promise<StaffInvitationDto> {
    return toStaffDto(await this.scouting.invite(actor, params.id, body.candidateId, body.message?.trim() || null));
  }

  @Get('invitations')
  @Auth(...STAFF)
  @ApiOperation({ summary: 'スカウト招待の一覧', description: '承諾した参加者のみ氏名を表示（監査ログに記録）。' })
  @ApiOkResponse({ type: StaffInvitationListDto })
  async listInvitations(@CurrentActor() actor: Actor, @Param() params: ProjectIdParamDto, @Query() query: ScoutListQueryDto): Promise<StaffInvitationListDto> {
    return { items: (await this.scouting.listInvitations(actor, params.id, query.limit)).map(toStaffDto) };
  }
}

/** The participant's scouting invitations. */
@ApiTags('matching')
@Controller('me/invitations')
@Auth('participant')
export class MyInvitationsController {
  constructor(private readonly scouting: ScoutingService) {}

  @Get()
  @ApiOperation({ summary: '届いたスカウト招待' })
  @ApiOkResponse({ type: MyInvitationListDto })
  async listMine(@CurrentActor() actor: Actor, @Query() query: ScoutListQueryDto): Promise<MyInvitationListDto> {
    return { items: (await this.scouting.listMine(actor.userId, query.limit)).map(toMyDto) };
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '招待を承諾する', description: '承諾すると、主催者に表示名が見えるようになる。' })
  @ApiOkResponse({ type: MyInvitationDto })
  async accept(@CurrentActor() actor: Actor, @Param() params: InvitationIdParamDto): Promise<MyInvitationDto> {
    return toMyDto(await this.scouting.answer(actor.userId, params.id, 'accepted'));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: '招待を辞退する' })
  @ApiOkResponse({ type: MyInvitationDto })
  async decline(@CurrentActor() actor: Actor, @Param() params: InvitationIdParamDto): Promise<MyInvitationDto> {
    return toMyDto(await this.scouting.answer(actor.userId, params.id, 'declined'));
  }
}

function toStaffDto(v: StaffInvitationView): StaffInvitationDto {
  return { ...v, createdAt: v.createdAt.toISOString(), respondedAt: v.respondedAt?.toISOString() ?? null };
}

function toMyDto(v: MyInvitationView): MyInvitationDto {
  return { ...v, createdAt: v.createdAt.toISOString(), respondedAt: v.respondedAt?.toISOString() ?? null };
}
