/** Published through the outbox when an account is deleted (identity owns this topic). */
export const USER_DELETED_TOPIC = 'identity.user.deleted';

export interface UserDeletedPayload {
  userId: string;
  /** ISO timestamp: relationships end as of this instant; history stays under a pseudonym. */
  deletedAt: string;
}
