import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RegionsModule } from '@app/regions';
import { ProjectCommandsService } from './application/project-commands.service';
import { ProjectsDemoSeeder } from './application/projects-demo.seeder';
import { ProjectsService } from './application/projects.service';
import { SearchSynonymsService } from './application/search-synonyms.service';
import { OptionalActorGuard } from './http/optional-actor.guard';
import { ProjectsController, StaffProjectsController } from './http/projects.controller';
import { ProjectEntity } from './persistence/project.entity';
import { ProjectsRepository } from './persistence/projects.repository';
import { SearchSynonymsRepository } from './persistence/search-synonyms.repository';

@Module({
  imports: [TypeOrmModule.forFeature([ProjectEntity]), RegionsModule],
  controllers: [ProjectsController, StaffProjectsController],
  providers: [
    ProjectsRepository,
    SearchSynonymsRepository,
    SearchSynonymsService,
    ProjectsService,
    ProjectCommandsService,
    OptionalActorGuard,
    ProjectsDemoSeeder,
  ],
  exports: [ProjectsService, ProjectsDemoSeeder],
})
export class ProjectsModule {}
