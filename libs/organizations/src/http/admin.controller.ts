import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentActor, IdentityService, type Actor } from '@app/identity';
import { OrganizationsService } from '../application/organizations.service';
import {
  CompanyCreateDto,
  MunicipalityOrganizationCreateDto,
  OrganizationListQueryDto,
  OrganizationPageResponseDto,
  OrganizationResponseDto,
  PrefectureOrganizationCreateDto,
  StaffAccountCreateDto,
  StaffAccountResponseDto,
  UserCreateDto,
} from './organizations.dto';

/** Platform operators: organizations, staff accounts, disabling users. */
@ApiTags('admin')
@Auth('admin')
@Controller('admin')
export class AdminController {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly identity: IdentityService,
  ) {}

  @Post('organizations/municipalities')
  @ApiOperation({ summary: 'Create the organization of a municipality (one per code)' })
  @ApiCreatedResponse({ type: OrganizationResponseDto })
  createMunicipalityOrganization(@CurrentActor() actor: Actor, @Body() body: MunicipalityOrganizationCreateDto): Promise<OrganizationResponseDto> {
    return this.organizations.createMunicipalityOrganization(body.municipalityCode, actor.userId);
  }

  @Post('organizations/prefectures')
  @ApiOperation({ summary: 'Create the organization of a prefecture (one per code)' })
  @ApiCreatedResponse({ type: OrganizationResponseDto })
  createPrefectureOrganization(@CurrentActor() actor: Actor, @Body() body: PrefectureOrganizationCreateDto): Promise<OrganizationResponseDto> {
    return this.organizations.createPrefectureOrganization(body.prefectureCode, actor.userId);
  }

  @Post('organizations/companies')
  @ApiOperation({ summary: 'Create a company (optional 法人番号, check digit validated)' })
  @ApiCreatedResponse({ type: OrganizationResponseDto })
  createCompany(@CurrentActor() actor: Actor, @Body() body: CompanyCreateDto): Promise<OrganizationResponseDto> {
    return this.organizations.createCompany(body, actor.userId);
  }

  @Get('organizations')
  @ApiOperation({ summary: 'All organizations (cursor pagination)' })
  @ApiOkResponse({ type: OrganizationPageResponseDto })
  listOrganizations(@Query() query: OrganizationListQueryDto): Promise<OrganizationPageResponseDto> {
    return this.organizations.listOrganizations(query.limit, query.cursor);
  }

  @Post('organizations/:organizationId/staff')
  @ApiOperation({ summary: 'Create a staff account scoped to the organization (municipality/prefecture staff, company admin)' })
  @ApiCreatedResponse({ type: StaffAccountResponseDto })
  createStaffAccount(
    @CurrentActor() actor: Actor,
    @Param('organizationId', ParseUUIDPipe) organizationId: string,
    @Body() body: StaffAccountCreateDto,
  ): Promise<StaffAccountResponseDto> {
    return this.organizations.createStaffAccount(organizationId, body, actor.userId);
  }

  @Post('users')
  @ApiOperation({ summary: 'Create an HQ analyst or admin account' })
  @ApiCreatedResponse({ type: StaffAccountResponseDto })
  async createUser(@CurrentActor() actor: Actor, @Body() body: UserCreateDto): Promise<StaffAccountResponseDto> {
    const account = await this.identity.createAccount(body, actor.userId);
    return { userId: account.id, email: account.email, role: account.role };
  }

  @Post('users/:userId/disable')
  @HttpCode(204)
  @ApiOperation({ summary: 'Disable a user: their tokens stop working at once' })
  @ApiNoContentResponse()
  async disableUser(@CurrentActor() actor: Actor, @Param('userId', ParseUUIDPipe) userId: string): Promise<void> {
    await this.identity.disableUser(userId, actor.userId);
  }
}
