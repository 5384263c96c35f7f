import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ExportService } from '../application/export.service';
import { Auth, CurrentActor, type Actor } from '@app/identity';
import { CountsQueryService } from '../application/counts-query.service';
import { StatsService } from '../application/stats.service';
import { tokyoDay } from '../domain/calendar';
import {
  StatsBreakdownDto,
  StatsCompanyParticipationDto,
  StatsExportQueryDto,
  StatsFlowsDto,
  StatsFlowsQueryDto,
  StatsOverlapDto,
  StatsOverlapQueryDto,
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
    private readonly exports: ExportService,
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
  @ApiOperation({ summary: '実人数 of one scope by basis, tier, participant type or origin prefecture, or 活動実人数 by project category (suppressed for non-admins)' })
  @ApiOkResponse({ type: StatsBreakdownDto })
  breakdowns(@CurrentActor() actor: Actor, @Query() q: StatsBreakdownQueryDto): Promise<StatsBreakdownDto> {
    return this.stats.breakdown(actor, q.scopeType, q.code, q.dimension, this.day(q.date));
  }

  @Get('flows')
  @Auth('hq_analyst', 'admin', 'prefecture_staff')
  @ApiOperation({ summary: 'Origin (residence) prefecture → destination prefecture matrix of 実人数 (suppressed for non-admins)' })
  @ApiOkResponse({ type: StatsFlowsDto })
  flows(@CurrentActor() actor: Actor, @Query() q: StatsFlowsQueryDto): Promise<StatsFlowsDto> {
    return this.stats.flows(actor, this.day(q.date));
  }

  @Get('overlap')
  @Auth('hq_analyst', 'admin', 'prefecture_staff', 'municipality_staff')
  @ApiOperation({ summary: 'Persons related to both municipalities A and B on a date' })
  @ApiOkResponse({ type: StatsOverlapDto })
  overlap(@CurrentActor() actor: Actor, @Query() q: StatsOverlapQueryDto): Promise<StatsOverlapDto> {
    return this.stats.overlap(actor, q.a, q.b, this.day(q.date));
  }

  @Get('companies/:companyId/participation')
  @Auth('company_admin', 'admin')
  @ApiOperation({
    summary: "A company's consenting employees' participation by prefecture and project category (年度 of date; suppressed aggregates only)",
  })
  @ApiOkResponse({ type: StatsCompanyParticipationDto })
  companyParticipation(@CurrentActor() actor: Actor, @Param('companyId') companyId: string, @Query() q: StatsDateQueryDto): Promise<StatsCompanyParticipationDto> {
    return this.stats.companyParticipation(actor, companyId, this.day(q.date));
  }

  @Get('export')
  @Auth('hq_analyst', 'admin', 'prefecture_staff', 'municipality_staff')
  @ApiOperation({
    summary: 'CSV of a statistics table keyed by 地方公共団体コード and 年度 (UTF-8 with BOM + CRLF, or CP932); audited',
    description: 'With encoding=cp932, characters CP932 lacks are written as "?" and listed in the X-Unmappable-Characters header.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async export(@CurrentActor() actor: Actor, @Query() q: StatsExportQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const r = await this.exports.export(actor, {
      table: q.table,
      scopeType: q.scopeType,
      code: q.code,
      date: this.day(q.date),
      encoding: q.encoding ?? 'utf8',
      dimension: q.dimension,
      metric: q.metric,
      from: q.from ? this.day(q.from) : undefined,
    });
    reply.header('content-type', r.contentType);
    reply.header('content-disposition', `attachment; filename="${r.filename}"`);
    if (r.unmappable.length) reply.header('x-unmappable-characters', r.unmappable.join(' '));
    return r.body;
  }
}
