import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/identity';
import { RegionsService } from '../application/regions.service';
import {
  MunicipalityDetailResponseDto,
  MunicipalityPageResponseDto,
  MunicipalitySearchQueryDto,
  PrefectureResponseDto,
  RegionResponseDto,
  RegionsQueryDto,
} from './regions.dto';

/** Public master data: prefectures, municipalities and regional groupings. */
@ApiTags('regions')
@Public()
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get('prefectures')
  @ApiOperation({ summary: '47 都道府県' })
  @ApiOkResponse({ type: [PrefectureResponseDto] })
  listPrefectures(): Promise<PrefectureResponseDto[]> {
    return this.regions.listPrefectures();
  }

  @Get('prefectures/:code')
  @ApiOperation({ summary: 'One prefecture by its 2-digit code' })
  @ApiOkResponse({ type: PrefectureResponseDto })
  getPrefecture(@Param('code') code: string): Promise<PrefectureResponseDto> {
    return this.regions.getPrefecture(code);
  }

  @Get('groupings')
  @ApiOperation({ summary: '八地方区分 (chiho8) and 広域地方計画区域 (kouiki)' })
  @ApiOkResponse({ type: [RegionResponseDto] })
  listRegions(@Query() query: RegionsQueryDto): Promise<RegionResponseDto[]> {
    return this.regions.listRegions(query.scheme);
  }

  @Get('municipalities')
  @ApiOperation({
    summary: 'List or search 市区町村',
    description: 'Filter by prefecture; `q` matches a prefix of the name or its reading (hiragana or katakana). Ordered by code; cursor pagination.',
  })
  @ApiOkResponse({ type: MunicipalityPageResponseDto })
  searchMunicipalities(@Query() query: MunicipalitySearchQueryDto): Promise<MunicipalityPageResponseDto> {
    return this.regions.searchMunicipalities(query);
  }

  @Get('municipalities/:code')
  @ApiOperation({
    summary: 'One municipality by 5- or 6-digit 全国地方公共団体コード',
    description: 'A 6-digit code with a wrong check digit is a 400. A designated-city ward code resolves to its city.',
  })
  @ApiParam({ name: 'code', example: '131016' })
  @ApiOkResponse({ type: MunicipalityDetailResponseDto })
  async getMunicipality(@Param('code') code: string): Promise<MunicipalityDetailResponseDto> {
    const { municipality, ward } = await this.regions.resolveMunicipality(code);
    return ward
      ? { ...municipality, resolvedFromWard: { code: ward.code, name: ward.name, nameKana: ward.nameKana } }
      : municipality;
  }
}
