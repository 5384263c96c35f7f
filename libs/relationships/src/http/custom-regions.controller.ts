import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor, type Actor } from '@app/identity';
import { CustomRegionsService } from '../application/custom-regions.service';
import { CustomRegionCreateDto, CustomRegionCreatedDto, CustomRegionListDto, CustomRegionUpdateDto } from './stats.dto';

/** Admin-defined 広域リージョン (scope type `custom` in /stats). */
@ApiTags('stats')
@Controller('stats/custom-regions')
export class CustomRegionsController {
  constructor(private readonly regions: CustomRegionsService) {}

  @Get()
  @Auth('hq_analyst', 'admin')
  @ApiOperation({ summary: 'Admin-defined 広域リージョン (named sets of municipalities, counted as scope type custom)' })
  @ApiOkResponse({ type: CustomRegionListDto })
  async list(): Promise<CustomRegionListDto> {
    return { items: await this.regions.list() };
  }

  @Post()
  @HttpCode(201)
  @Auth('admin')
  @ApiOperation({ summary: 'Define a 広域リージョン; its counts are backfilled from the existing history (audited)' })
  @ApiCreatedResponse({ type: CustomRegionCreatedDto })
  create(@CurrentActor() actor: Actor, @Body() body: CustomRegionCreateDto): Promise<CustomRegionCreatedDto> {
    return this.regions.define(actor, body);
  }

  @Put(':code')
  @Auth('admin')
  @ApiOperation({
    summary: 'Rename a 広域リージョン or change its municipalities (audited); its counts are rebuilt for every date; 404 when it is not defined',
  })
  @ApiOkResponse({ type: CustomRegionCreatedDto })
  update(@CurrentActor() actor: Actor, @Param('code') code: string, @Body() body: CustomRegionUpdateDto): Promise<CustomRegionCreatedDto> {
    return this.regions.redefine(actor, code, body);
  }

  @Delete(':code')
  @HttpCode(204)
  @Auth('admin')
  @ApiOperation({ summary: 'Delete a 広域リージョン and its counts (audited); 404 when it is not defined' })
  @ApiNoContentResponse()
  async remove(@CurrentActor() actor: Actor, @Param('code') code: string): Promise<void> {
    await this.regions.remove(actor, code);
  }
}
