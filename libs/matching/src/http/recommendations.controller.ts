import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor, type Actor } from '@app/identity';
import { RecommendationsService, type Recommendation } from '../application/recommendations.service';
import { RecommendationListDto, RecommendationsQueryDto, type RecommendationDto } from './matching.dto';

/** The participant's recommended projects. */
@ApiTags('matching')
@Controller('me/recommendations')
@Auth('participant')
export class RecommendationsController {
  constructor(private readonly recommendations: RecommendationsService) {}

  @Get()
  @ApiOperation({
    summary: 'おすすめのプロジェクト（理由つき）',
    description: '募集中・締切前・満席でない・未応募のプロジェクトを、プロフィールと参加履歴から順位づけ。各結果に日本語と英語の理由。プロフィール未登録は409。',
  })
  @ApiOkResponse({ type: RecommendationListDto })
  async list(@CurrentActor() actor: Actor, @Query() query: RecommendationsQueryDto): Promise<RecommendationListDto> {
    const items = await this.recommendations.recommend(actor.userId, query.limit);
    return { items: items.map(toDto) };
  }
}

function toDto(r: Recommendation): RecommendationDto {
  const p = r.project;
  return {
    project: {
      id: p.id,
      title: p.title,
      category: p.category,
      tags: p.tags,
      requiredSkills: p.requiredSkills,
      mode: p.mode,
      hostMunicipalityCode: p.hostMunicipalityCode,
      municipalityCodes: p.municipalityCodes,
      prefectureCodes: p.prefectureCodes,
      startsAt: p.startsAt.toISOString(),
      endsAt: p.endsAt.toISOString(),
      applicationDeadline: p.applicationDeadline.toISOString(),
      capacity: p.capacity,
      seatsLeft: p.seatsLeft,
      compensation: p.compensation,
      publishedAt: p.publishedAt?.toISOString() ?? null,
    },
    score: r.score,
    reasons: r.reasons.map((x) => ({ code: x.code, ja: x.ja, en: x.en, ...(x.subject ? { subject: x.subject } : {}) })),
  };
}
