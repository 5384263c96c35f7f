/** Outbox topics the participants context publishes (names never change once shipped). */
export const ParticipantTopics = {
  registrationCreated: 'participants.registration.created',
  registrationWithdrawn: 'participants.registration.withdrawn',
  premiumGranted: 'participants.registration.premium_granted',
} as const;
export type ParticipantTopic = (typeof ParticipantTopics)[keyof typeof ParticipantTopics];

export interface RegistrationCreatedPayload {
  registrationId: string;
  participantId: string;
  municipalityCode: string;
  tier: 'basic';
  registeredAt: string;
}

export interface RegistrationWithdrawnPayload {
  registrationId: string;
  participantId: string;
  municipalityCode: string;
  tier: 'basic' | 'premium';
  registeredAt: string;
  withdrawnAt: string;
}

export interface PremiumGrantedPayload {
  registrationId: string;
  participantId: string;
  municipalityCode: string;
  tier: 'premium';
  grantedAt: string;
  expiresAt: string;
  /** True when an earlier premium of this registration is extended (yearly renewal). */
  renewal: boolean;
}

/**
 * The participation context's topic this context subscribes to (declared here as the contract we
 * rely on; participation owns it).
 */
export const ACTIVITY_VERIFIED_TOPIC = 'participation.activity.verified';

/** identity's account-deletion topic (identity owns it; relationships reads the same). */
export const USER_DELETED_TOPIC = 'identity.user.deleted';

export interface UserDeletedPayload {
  userId: string;
  deletedAt: string;
}

export interface ActivityVerifiedPayload {
  activityId: string;
  applicationId: string;
  participantId: string;
  projectId: string;
  municipalityCodes: string[];
  verifiedAt: string;
}
