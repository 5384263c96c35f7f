import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor, type Actor } from '@app/identity';
import { CountsQueryService } from '../application/counts-query.service';
import { StatsService } from '../application/stats.service';
import { tokyoDay } from '../domain/calendar';
import {
  StatsBreakdownDto,
  StatsBreakdownQueryDto,
  StatsDateQueryDto,
  StatsScopeDto,
  StatsSummaryDto,
  StatsTimeseriesDto,
  StatsTimeseriesQueryDto,
} from './stats.dto';

/** HQ statistics: counts only, never persons. Staff see their own scope; out of scope is 404. */
@ApiTags('stats')
@Controller('stats')
export class StatsController {
  constructor(
    private readonly stats: StatsService,
    private readonly query: CountsQueryService,
  ) {}

  private day(date: string | undefined): string {
    return date ? this.query.parseDay(date) : tokyoDay(new Date());
  }

  @Get('summary')
  @Auth('hq_analyst', 'admin', 'prefecture_staff', 'municipality_staff')
  @ApiOperation({ summary: 'National 実人数 / 延べ人数 on a date, with 年度 and the national targets' })
  @ApiOkResponse({ type: StatsSummaryDto })
  summary(@Query() q: StatsDateQueryDto): Promise<StatsSummaryDto> {
    return this.stats.summary(this.day(q.date));
  }

  @Get('scopes/:scopeType/:code')
  @Auth('hq_analyst', 'admin', 'prefecture_staff', 'municipality_staff')
  @ApiOperation({ summary: 'Counts of one scope on a date with its children (nation → prefectures → municipalities)' })
  @ApiOkResponse({ type: StatsScopeDto })
  scope(@CurrentActor() actor: Actor, @Param('scopeType') scopeType: string, @Param('code') code: string, @Query() q: StatsDateQueryDto): Promise<StatsScopeDto> {
    return this.stats.scope(actor, scopeType, code, this.day(q.date));
  }

  @Get('timeseries')
  @Auth('hq_analyst', 'admin', 'prefecture_staff', 'municipality_staff')
  @ApiOperation({ summary: 'A metric of one scope per month or 年度' })
  @ApiOkResponse({ type: StatsTimeseriesDto })
  timeseries(@CurrentActor() actor: Actor, @Query() q: StatsTimeseriesQueryDto): Promise<StatsTimeseriesDto> {
    return this.stats.timeseries(actor, q.scopeType, q.code, q.metric ?? 'real_persons', q.interval ?? 'month', this.day(q.from), this.day(q.to));
  }

  @Get('breakdowns')
  @Auth('hq_analyst', 'admin', 'prefecture_staff', 'municipality_staff')
  @ApiOperation({ summary: '実人数 of one scope by basis, tier, participant type or origin prefecture (suppressed for non-admins)' })
  @ApiOkResponse({ type: StatsBreakdownDto })
  breakdowns(@CurrentActor() actor: Actor, @Query() q: StatsBreakdownQueryDto): Promise<StatsBreakdownDto> {
    return this.stats.breakdown(actor, q.scopeType, q.code, q.dimension, this.day(q.date));
  }
}
