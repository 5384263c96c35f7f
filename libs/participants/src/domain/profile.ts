/** Participant profile vocabulary (PRODUCT.md §3.1). */
export const PARTICIPANT_TYPES = ['urban_resident', 'remote_worker', 'company_employee'] as const;
export type ParticipantType = (typeof PARTICIPANT_TYPES)[number];

export const PARTICIPATION_MODES = ['onsite', 'remote', 'hybrid'] as const;
export type ParticipationMode = (typeof PARTICIPATION_MODES)[number];

/** The five pillars, as in projects (interests are project categories). */
export const INTEREST_CATEGORIES = ['living_environment', 'earning_power', 'people_flow', 'ai_digital', 'wide_area'] as const;
export type InterestCategory = (typeof INTEREST_CATEGORIES)[number];

/** When a person can take part: 平日, 週末・休日, 長期休暇, 長期滞在, オンライン随時. */
export const AVAILABILITY = ['weekdays', 'weekends', 'holidays', 'long_term', 'anytime_online'] as const;
export type Availability = (typeof AVAILABILITY)[number];

export const DISPLAY_NAME_MAX = 50;

export interface ParticipantProfile {
  userId: string;
  displayName: string;
  residenceMunicipalityCode: string;
  hometownMunicipalityCode: string | null;
  interestRegionCodes: string[];
  skills: string[];
  interests: InterestCategory[];
  modes: ParticipationMode[];
  availability: Availability[];
  participantType: ParticipantType;
  createdAt: Date;
  updatedAt: Date;
}

export function cleanTags(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.normalize('NFKC').trim()).filter((v) => v.length > 0))];
}
