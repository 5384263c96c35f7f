import { Module } from '@nestjs/common';
import { RegionsService } from './application/regions.service';
import { RegionsController } from './http/regions.controller';
import { RegionsRepository } from './persistence/regions.repository';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DesignatedCityWardEntity } from './persistence/designated-city-ward.entity';
import { MunicipalityEntity } from './persistence/municipality.entity';
import { PrefectureEntity } from './persistence/prefecture.entity';
import { RegionEntity } from './persistence/region.entity';

@Module({
  imports: [TypeOrmModule.forFeature([PrefectureEntity, MunicipalityEntity, DesignatedCityWardEntity, RegionEntity])],
  controllers: [RegionsController],
  providers: [RegionsRepository, RegionsService],
  exports: [RegionsService],
})
export class RegionsModule {}
