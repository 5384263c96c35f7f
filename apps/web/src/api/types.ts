// Aliases of generated schema types (never hand-written shapes).
import type { components } from './schema';

type S = components['schemas'];
export type Account = S['AccountResponseDto'];
export type Role = Account['role'];
export type Project = S['ProjectResponseDto'];
export type ProjectCreate = S['ProjectCreateDto'];
export type Application = S['ApplicationResponseDto'];
export type StaffApplication = S['StaffApplicationResponseDto'];
export type Prefecture = S['PrefectureResponseDto'];
export type Municipality = S['MunicipalityResponseDto'];
export type Profile = S['ProfileResponseDto'];
export type ProfilePut = S['ProfilePutDto'];
export type Registration = S['RegistrationResponseDto'];
export type RegistrationList = S['RegistrationListResponseDto'];
export type InboxItem = S['InboxItemResponseDto'];
export type Category = Project['category'];
export type Mode = Project['mode'];
export type ScoutCandidate = S['ScoutCandidateDto'];
export type StaffInvitation = S['StaffInvitationDto'];
export type MyInvitation = S['MyInvitationDto'];
export type Organization = S['OrganizationResponseDto'];
export type FailedDelivery = S['FailedDeliveryResponseDto'];
