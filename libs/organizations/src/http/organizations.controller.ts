import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor, type Actor } from '@app/identity';
import { OrganizationsService } from '../application/organizations.service';
import {
  InvitationAcceptDto,
  InvitationAcceptResponseDto,
  CompanyInvitationCreateDto,
  InvitationResponseDto,
  OrganizationResponseDto,
} from './organizations.dto';

@ApiTags('organizations')
@Controller('organizations')
export class OrganizationsController {
  constructor(private readonly organizations: OrganizationsService) {}

  @Post('invitations/accept')
  @HttpCode(200)
  @Auth('participant')
  @ApiOperation({ summary: 'Accept a company invitation (the employee link exists only after this)' })
  @ApiOkResponse({ type: InvitationAcceptResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, expired, already used, or addressed to another email.' })
  acceptInvitation(@CurrentActor() actor: Actor, @Body() body: InvitationAcceptDto): Promise<InvitationAcceptResponseDto> {
    return this.organizations.acceptInvitation(actor, body.token);
  }

  @Get(':organizationId')
  @Auth('municipality_staff', 'prefecture_staff', 'company_admin', 'admin')
  @ApiOperation({ summary: 'One organization within the caller’s scope (404 outside it)' })
  @ApiOkResponse({ type: OrganizationResponseDto })
  getOrganization(
    @CurrentActor() actor: Actor,
    @Param('organizationId', ParseUUIDPipe) organizationId: string,
  ): Promise<OrganizationResponseDto> {
    return this.organizations.getOrganizationFor(actor, organizationId);
  }

  @Post(':organizationId/invitations')
  @Auth('company_admin')
  @ApiOperation({ summary: 'Invite an employee to the company (company admins of that company only)' })
  @ApiCreatedResponse({ type: InvitationResponseDto })
  inviteEmployee(
    @CurrentActor() actor: Actor,
    @Param('organizationId', ParseUUIDPipe) organizationId: string,
    @Body() body: CompanyInvitationCreateDto,
  ): Promise<InvitationResponseDto> {
    return this.organizations.inviteEmployee(actor, organizationId, body.email);
  }
}
