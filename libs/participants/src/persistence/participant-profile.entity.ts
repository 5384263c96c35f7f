import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Availability, InterestCategory, ParticipantType, ParticipationMode } from '../domain/profile';

/** One profile per participant user (identity's user id). */
@Entity({ name: 'participant_profiles' })
export class ParticipantProfileEntity {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  displayName: string;

  /** 居住地 */
  @Column({ type: 'char', length: 6 })
  residenceMunicipalityCode: string;

  /** 出身地 */
  @Column({ type: 'char', length: 6, nullable: true })
  hometownMunicipalityCode: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  interestRegionCodes: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  skills: string[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  interests: InterestCategory[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  modes: ParticipationMode[];

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  availability: Availability[];

  @Column({ type: 'text' })
  participantType: ParticipantType;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}
