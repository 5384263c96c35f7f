import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { ParticipantsModule } from '@app/participants';
import { ParticipationModule } from '@app/participation';
import { ProjectsModule } from '@app/projects';
import { matchingWeightsProvider } from './application/matching-weights.provider';
import { RecommendationsService } from './application/recommendations.service';
import { NewProjectMatchesService } from './application/new-project-matches.service';
import { ScoutingService } from './application/scouting.service';
import { RecommendationsController } from './http/recommendations.controller';
import { MyInvitationsController, ScoutingController } from './http/scouting.controller';
import { ScoutInvitationEntity } from './persistence/scout-invitation.entity';
import { ScoutInvitationsRepository } from './persistence/scout-invitations.repository';

/** API side: recommendations for participants, scouting for host staff. */
@Module({
  imports: [TypeOrmModule.forFeature([ScoutInvitationEntity]), IdentityModule, ParticipantsModule, ParticipationModule, ProjectsModule],
  controllers: [RecommendationsController, ScoutingController, MyInvitationsController],
  providers: [matchingWeightsProvider, RecommendationsService, ScoutInvitationsRepository, ScoutingService, NewProjectMatchesService],
  exports: [RecommendationsService, NewProjectMatchesService],
})
export class MatchingModule {}
