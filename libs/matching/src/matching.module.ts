import { Module } from '@nestjs/common';
import { ParticipantsModule } from '@app/participants';
import { ParticipationModule } from '@app/participation';
import { ProjectsModule } from '@app/projects';
import { matchingWeightsProvider } from './application/matching-weights.provider';
import { RecommendationsService } from './application/recommendations.service';
import { RecommendationsController } from './http/recommendations.controller';

/** API side: recommendations for participants (no tables of its own yet). */
@Module({
  imports: [ParticipantsModule, ParticipationModule, ProjectsModule],
  controllers: [RecommendationsController],
  providers: [matchingWeightsProvider, RecommendationsService],
  exports: [RecommendationsService],
})
export class MatchingModule {}
