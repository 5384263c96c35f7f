import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Auth, CurrentActor, type Actor } from '@app/identity';
import { ApplicationsService } from '../application/applications.service';
import { CheckInService } from '../application/check-in.service';
import {
  ApplicationResponseDto,
  ApplyRequestDto,
  CheckInCodeResponseDto,
  CheckInRequestDto,
  CheckInResponseDto,
  ProjectIdParamDto,
  StaffApplicationListQueryDto,
  StaffApplicationPageResponseDto,
} from './participation.dto';

export const STAFF_ROLES = ['municipality_staff', 'prefecture_staff', 'admin'] as const;

/** Applications and check-in of one project. */
@ApiTags('applications')
@Controller('projects/:projectId')
export class ProjectApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly checkIns: CheckInService,
  ) {}

  @Post('applications')
  @Auth('participant')
  @ApiOperation({
    summary: 'Apply to a project (応募)',
    description:
      'Only to published projects before the application deadline; one application per person and project. ' +
      'With an `Idempotency-Key` header (1–255 chars, kept 24 h) a repeated request — also a concurrent one — ' +
      'returns the first response (status and body, header `Idempotent-Replayed: true`); the same key with a ' +
      'different body is a 422.',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown or unpublished project' })
  @ApiConflictResponse({ description: 'Already applied, project closed, or deadline passed' })
  async apply(
    @CurrentActor() actor: Actor,
    @Param() params: ProjectIdParamDto,
    @Body() body: ApplyRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ApplicationResponseDto> {
    const result = await this.applications.apply(actor, params.projectId, body, idempotencyKey);
    void reply.status(result.status);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return result.body;
  }

  @Get('applications')
  @Auth(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Applicants of a project (host and co-host staff)',
    description:
      'Ordered by application time; cursor pagination. `contact` (email, display name) only where the participant ' +
      'consented to share it with the municipality; each such read is audit-logged as `personal_data.read`.',
  })
  @ApiOkResponse({ type: StaffApplicationPageResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown project or outside the staff member’s scope' })
  listForProject(
    @CurrentActor() actor: Actor,
    @Param() params: ProjectIdParamDto,
    @Query() query: StaffApplicationListQueryDto,
  ): Promise<StaffApplicationPageResponseDto> {
    return this.applications.listForStaff(actor, params.projectId, query);
  }

  @Post('check-in-codes')
  @HttpCode(201)
  @Auth(...STAFF_ROLES)
  @ApiOperation({
    summary: "Issue today's check-in code (参加確認コード)",
    description: '6 digits, valid until the end of the day in Asia/Tokyo; issuing again replaces it. Only its hash is stored.',
  })
  @ApiCreatedResponse({ type: CheckInCodeResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown project or outside the staff member’s scope' })
  @ApiConflictResponse({ description: 'Project not published/closed' })
  issueCheckInCode(@CurrentActor() actor: Actor, @Param() params: ProjectIdParamDto): Promise<CheckInCodeResponseDto> {
    return this.checkIns.issue(actor, params.projectId);
  }

  @Post('check-in')
  @HttpCode(200)
  @Auth('participant')
  @ApiOperation({
    summary: 'Check in with the day’s code (参加確認)',
    description:
      'For a participant with an accepted application: marks it attended and verifies the activity ' +
      '(event `participation.activity.verified`). Repeating after success changes nothing. ' +
      'Wrong codes are 422; after 5 wrong codes in 15 minutes, 429.',
  })
  @ApiOkResponse({ type: CheckInResponseDto })
  @ApiNotFoundResponse({ description: 'No application to this project' })
  @ApiUnprocessableEntityResponse({ description: 'Wrong or expired code' })
  @ApiTooManyRequestsResponse({ description: 'Too many wrong codes' })
  checkIn(
    @CurrentActor() actor: Actor,
    @Param() params: ProjectIdParamDto,
    @Body() body: CheckInRequestDto,
  ): Promise<CheckInResponseDto> {
    return this.checkIns.checkIn(actor, params.projectId, body.code);
  }
}
