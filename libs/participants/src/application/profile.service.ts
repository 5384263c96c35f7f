import { Injectable } from '@nestjs/common';
import { AppError } from '@app/platform/errors';
import { RegionsService } from '@app/regions';
import { cleanTags, type Availability, type InterestCategory, type ParticipantType, type ParticipationMode } from '../domain/profile';
import type { ParticipantProfileEntity } from '../persistence/participant-profile.entity';
import { ParticipantsRepository } from '../persistence/participants.repository';
import { ParticipantsErrorCode } from '../participants.errors';

export interface ProfileInput {
  displayName: string;
  residenceMunicipalityCode: string;
  hometownMunicipalityCode?: string | null;
  interestRegionCodes?: string[];
  skills?: string[];
  interests?: InterestCategory[];
  modes?: ParticipationMode[];
  availability?: Availability[];
  participantType: ParticipantType;
}

export interface ProfileView {
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
  version: number;
  updatedAt: string;
}

export function toProfileView(p: ParticipantProfileEntity): ProfileView {
  return {
    userId: p.userId,
    displayName: p.displayName,
    residenceMunicipalityCode: p.residenceMunicipalityCode,
    hometownMunicipalityCode: p.hometownMunicipalityCode,
    interestRegionCodes: p.interestRegionCodes,
    skills: p.skills,
    interests: p.interests,
    modes: p.modes,
    availability: p.availability,
    participantType: p.participantType,
    version: p.version,
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** The participant's own profile (PUT replaces it whole). */
@Injectable()
export class ProfileService {
  constructor(
    private readonly repository: ParticipantsRepository,
    private readonly regions: RegionsService,
  ) {}

  async get(userId: string): Promise<ProfileView> {
    const p = await this.repository.findProfile(userId);
    if (!p) throw new AppError(ParticipantsErrorCode.PROFILE_NOT_FOUND);
    return toProfileView(p);
  }

  async put(userId: string, input: ProfileInput): Promise<ProfileView> {
    const residence = (await this.regions.resolveMunicipality(input.residenceMunicipalityCode)).municipality.code;
    const hometown = input.hometownMunicipalityCode
      ? (await this.regions.resolveMunicipality(input.hometownMunicipalityCode)).municipality.code
      : null;
    const saved = await this.repository.transaction((m) =>
      this.repository.upsertProfile(m, {
        userId,
        displayName: input.displayName.normalize('NFKC').trim(),
        residenceMunicipalityCode: residence,
        hometownMunicipalityCode: hometown,
        interestRegionCodes: [...new Set(input.interestRegionCodes ?? [])].sort(),
        skills: cleanTags(input.skills),
        interests: [...new Set(input.interests ?? [])],
        modes: [...new Set(input.modes ?? [])],
        availability: [...new Set(input.availability ?? [])],
        participantType: input.participantType,
      }),
    );
    return toProfileView(saved);
  }
}
