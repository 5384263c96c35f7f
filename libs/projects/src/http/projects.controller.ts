import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor, Public, type Actor } from '@app/identity';
import { ProjectCommandsService } from '../application/project-commands.service';
import { ProjectsService } from '../application/projects.service';
import { OptionalActorGuard } from './optional-actor.guard';
import {
  ProjectCancelDto,
  ProjectCreateDto,
  ProjectDiscoveryQueryDto,
  ProjectPageResponseDto,
  ProjectResponseDto,
  ProjectUpdateDto,
  StaffProjectsQueryDto,
} from './projects.dto';

const date = (v: string | undefined): Date | undefined => (v === undefined ? undefined : new Date(v));

/** Projects: public discovery and staff management of their municipality's projects. */
@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(
    private readonly projects: ProjectsService,
    private readonly commands: ProjectCommandsService,
  ) {}

  @Post()
  @Auth('municipality_staff', 'admin')
  @ApiOperation({ summary: 'プロジェクトを下書きとして作成', description: '主催市区町村は担当範囲内に限る（admin は任意）。' })
  @ApiCreatedResponse({ type: ProjectResponseDto })
  create(@CurrentActor() actor: Actor, @Body() body: ProjectCreateDto): Promise<ProjectResponseDto> {
    return this.commands.create(actor, {
      ...body,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      applicationDeadline: new Date(body.applicationDeadline),
    });
  }

  @Patch(':id')
  @Auth('municipality_staff', 'admin')
  @ApiOperation({ summary: 'プロジェクトを編集', description: '下書き・募集中のみ。募集中の変更は projects.project.changed を発行。' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProjectResponseDto })
  update(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ProjectUpdateDto): Promise<ProjectResponseDto> {
    return this.commands.update(actor, id, {
      ...body,
      startsAt: date(body.startsAt),
      endsAt: date(body.endsAt),
      applicationDeadline: date(body.applicationDeadline),
    });
  }

  @Post(':id/publish')
  @HttpCode(200)
  @Auth('municipality_staff', 'admin')
  @ApiOperation({ summary: '公開（draft → published）' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProjectResponseDto })
  publish(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ProjectResponseDto> {
    return this.commands.transition(actor, id, 'publish');
  }

  @Post(':id/close')
  @HttpCode(200)
  @Auth('municipality_staff', 'admin')
  @ApiOperation({ summary: '募集終了（published → closed）' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProjectResponseDto })
  close(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ProjectResponseDto> {
    return this.commands.transition(actor, id, 'close');
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Auth('municipality_staff', 'admin')
  @ApiOperation({ summary: '実施済み（closed → completed）' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProjectResponseDto })
  complete(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<ProjectResponseDto> {
    return this.commands.transition(actor, id, 'complete');
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Auth('municipality_staff', 'admin')
  @ApiOperation({ summary: '中止（draft/published/closed → cancelled）', description: '応募者には participation 経由で通知される。' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProjectResponseDto })
  cancel(@CurrentActor() actor: Actor, @Param('id') id: string, @Body() body: ProjectCancelDto): Promise<ProjectResponseDto> {
    return this.commands.transition(actor, id, 'cancel', body?.reason);
  }

  @Get()
  @Public()
  @ApiOperation({
    summary: '公開中のプロジェクトを探す',
    description:
      '絞り込み（都道府県・市区町村・分類・タグ・形態・開始日・スキル）と日本語の部分一致検索（q、同義語を含む）。開始日時順（q 指定時は関連度順：タイトル一致 → 説明のみ一致、同順位は開始日時順）、cursor でページング。',
  })
  @ApiOkResponse({ type: ProjectPageResponseDto })
  discover(@Query() query: ProjectDiscoveryQueryDto): Promise<ProjectPageResponseDto> {
    return this.projects.discover({ ...query, startsFrom: date(query.startsFrom), startsTo: date(query.startsTo) });
  }

  @Get(':id')
  @Public()
  @UseGuards(OptionalActorGuard)
  @ApiOperation({ summary: 'プロジェクト1件', description: '公開後は誰でも閲覧可。下書き・中止は担当職員のみ（それ以外には 404）。' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ProjectResponseDto })
  get(@Param('id') id: string, @Req() req: { user?: Actor | null }): Promise<ProjectResponseDto> {
    return this.projects.getVisible(id, req.user ?? null);
  }
}

/** The staff's own list: every project their municipalities host or co-host, in any state. */
@ApiTags('projects')
@Controller('staff/projects')
export class StaffProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @Auth('municipality_staff', 'admin')
  @ApiOperation({ summary: '担当市区町村のプロジェクト一覧（全状態）' })
  @ApiOkResponse({ type: ProjectPageResponseDto })
  list(@CurrentActor() actor: Actor, @Query() query: StaffProjectsQueryDto): Promise<ProjectPageResponseDto> {
    return this.projects.listForStaff(actor, query);
  }
}
