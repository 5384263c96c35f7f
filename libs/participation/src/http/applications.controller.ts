import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor, type Actor } from '@app/identity';
import { ApplicationsService } from '../application/applications.service';
import { ApplicationTransitionsService } from '../application/application-transitions.service';
import {
  ApplicationIdParamDto,
  ApplicationListQueryDto,
  ApplicationPageResponseDto,
  ApplicationResponseDto,
} from './participation.dto';
import { STAFF_ROLES } from './project-applications.controller';

const TRANSITION_CONFLICT = 'Illegal transition for the current state (the message names it), or CAPACITY_REACHED';

/** One application and its state transitions (PRODUCT.md §3.5). */
@ApiTags('applications')
@Controller('applications')
export class ApplicationsController {
  constructor(
    private readonly applications: ApplicationsService,
    private readonly transitions: ApplicationTransitionsService,
  ) {}

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One application (its participant, or staff who manage the project)' })
  @ApiOkResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours / outside your scope' })
  get(@CurrentActor() actor: Actor, @Param() params: ApplicationIdParamDto): Promise<ApplicationResponseDto> {
    return this.applications.getForActor(actor, params.id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Auth(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Accept (承認)',
    description:
      'applied|waitlisted → accepted. Takes a seat atomically; when the project is full the request is refused with ' +
      '409 CAPACITY_REACHED and nothing changes (waitlist the application instead).',
  })
  @ApiOkResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown application or outside your scope' })
  @ApiConflictResponse({ description: TRANSITION_CONFLICT })
  accept(@CurrentActor() actor: Actor, @Param() params: ApplicationIdParamDto): Promise<ApplicationResponseDto> {
    return this.transitions.byStaff(actor, params.id, 'accepted');
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Auth(...STAFF_ROLES)
  @ApiOperation({ summary: 'Reject (不採用)', description: 'applied → rejected' })
  @ApiOkResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown application or outside your scope' })
  @ApiConflictResponse({ description: TRANSITION_CONFLICT })
  reject(@CurrentActor() actor: Actor, @Param() params: ApplicationIdParamDto): Promise<ApplicationResponseDto> {
    return this.transitions.byStaff(actor, params.id, 'rejected');
  }

  @Post(':id/waitlist')
  @HttpCode(200)
  @Auth(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Waitlist (キャンセル待ち)',
    description: 'applied → waitlisted. When a seat frees, the first waitlisted applicant is accepted automatically.',
  })
  @ApiOkResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown application or outside your scope' })
  @ApiConflictResponse({ description: TRANSITION_CONFLICT })
  waitlist(@CurrentActor() actor: Actor, @Param() params: ApplicationIdParamDto): Promise<ApplicationResponseDto> {
    return this.transitions.byStaff(actor, params.id, 'waitlisted');
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Auth('participant')
  @ApiOperation({
    summary: 'Withdraw (辞退) — the participant',
    description: 'applied|accepted|waitlisted → withdrawn; a seat held goes to the first waitlisted applicant.',
  })
  @ApiOkResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown application or not yours' })
  @ApiConflictResponse({ description: TRANSITION_CONFLICT })
  withdraw(@CurrentActor() actor: Actor, @Param() params: ApplicationIdParamDto): Promise<ApplicationResponseDto> {
    return this.transitions.withdraw(actor, params.id);
  }

  @Post(':id/attended')
  @HttpCode(200)
  @Auth(...STAFF_ROLES)
  @ApiOperation({
    summary: 'Mark attended (参加確認) — verifies the activity',
    description: 'accepted → attended; creates the activity and publishes `participation.activity.verified`. Repeating changes nothing.',
  })
  @ApiOkResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown application or outside your scope' })
  @ApiConflictResponse({ description: TRANSITION_CONFLICT })
  attended(@CurrentActor() actor: Actor, @Param() params: ApplicationIdParamDto): Promise<ApplicationResponseDto> {
    return this.transitions.byStaff(actor, params.id, 'attended');
  }

  @Post(':id/no-show')
  @HttpCode(200)
  @Auth(...STAFF_ROLES)
  @ApiOperation({ summary: 'Mark no-show (欠席)', description: 'accepted → no_show; the seat goes to the waitlist while the project can still take place.' })
  @ApiOkResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown application or outside your scope' })
  @ApiConflictResponse({ description: TRANSITION_CONFLICT })
  noShow(@CurrentActor() actor: Actor, @Param() params: ApplicationIdParamDto): Promise<ApplicationResponseDto> {
    return this.transitions.byStaff(actor, params.id, 'no_show');
  }
}

/** The participant's own applications. */
@ApiTags('me')
@Controller('me')
export class MyApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  @Get('applications')
  @Auth('participant')
  @ApiOperation({ summary: 'My applications, newest first (cursor pagination)' })
  @ApiOkResponse({ type: ApplicationPageResponseDto })
  listMine(@CurrentActor() actor: Actor, @Query() query: ApplicationListQueryDto): Promise<ApplicationPageResponseDto> {
    return this.applications.listMine(actor, query);
  }
}
