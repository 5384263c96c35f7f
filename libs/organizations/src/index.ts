/** Organizations context: municipality/prefecture organizations, companies, memberships, invitations. */
export { OrganizationsModule } from './organizations.module';
export { OrganizationsService } from './application/organizations.service';
export type { OrganizationView } from './application/organizations.service';
export type { OrganizationKind, MembershipRole } from './domain/organization';
export { isValidCorporateNumber, corporateNumberCheckDigit } from './domain/corporate-number';
export { OrganizationsErrorCode, organizationsErrors } from './organizations.errors';
