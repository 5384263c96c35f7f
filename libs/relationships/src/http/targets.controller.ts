import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor, type Actor } from '@app/identity';
import { CountsQueryService } from '../application/counts-query.service';
import { TargetsService } from '../application/targets.service';
import { tokyoDay } from '../domain/calendar';
import { StatsDateQueryDto } from './stats.dto';
import { TargetPutDto, TargetsResponseDto } from './targets.dto';

@ApiTags('targets')
@Controller('targets')
export class TargetsController {
  constructor(
    private readonly targets: TargetsService,
    private readonly query: CountsQueryService,
  ) {}

  @Get(':scopeType/:code')
  @Auth('hq_analyst', 'admin', 'prefecture_staff', 'municipality_staff')
  @ApiOperation({ summary: 'KPI targets of a scope with milestones and progress vs the straight-line path' })
  @ApiOkResponse({ type: TargetsResponseDto })
  get(@CurrentActor() actor: Actor, @Param('scopeType') scopeType: string, @Param('code') code: string, @Query() q: StatsDateQueryDto): Promise<TargetsResponseDto> {
    return this.targets.get(actor, scopeType, code, q.date ? this.query.parseDay(q.date) : tokyoDay(new Date()));
  }

  @Put(':scopeType/:code')
  @Auth('admin', 'prefecture_staff', 'municipality_staff')
  @ApiOperation({ summary: 'Set a KPI target (1-, 3- and 5-year milestones) for a scope in the caller’s scope (audited)' })
  @ApiOkResponse({ type: TargetsResponseDto })
  put(@CurrentActor() actor: Actor, @Param('scopeType') scopeType: string, @Param('code') code: string, @Body() body: TargetPutDto): Promise<TargetsResponseDto> {
    return this.targets.set(actor, scopeType, code, body);
  }
}
