import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@app/identity';
import { RegionsModule } from '@app/regions';
import { OrganizationsService } from './application/organizations.service';
import { AdminController } from './http/admin.controller';
import { OrganizationsController } from './http/organizations.controller';
import { CompanyInvitationEntity, MembershipEntity, OrganizationEntity } from './persistence/organization.entity';
import { OrganizationsRepository } from './persistence/organizations.repository';

/** Municipality / prefecture organizations, companies, memberships (staff scope) and invitations. */
@Module({
  imports: [
    TypeOrmModule.forFeature([OrganizationEntity, MembershipEntity, CompanyInvitationEntity]),
    IdentityModule,
    RegionsModule,
  ],
  controllers: [AdminController, OrganizationsController],
  providers: [OrganizationsRepository, OrganizationsService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
