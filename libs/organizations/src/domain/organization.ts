export type OrganizationKind = 'municipality' | 'prefecture' | 'company';
/** staff: municipality/prefecture staff; company_admin: company coordinator; employee: accepted invitation. */
export type MembershipRole = 'staff' | 'company_admin' | 'employee';
