/** Where email addresses come from: identity's `IdentityService.getContact` (a port, so tests and the worker share one shape). */
export interface ContactDirectory {
  getContact(userId: string): Promise<{ userId: string; email: string; displayName: string | null } | null>;
}

export const CONTACT_DIRECTORY = Symbol('NOTIFICATIONS_CONTACT_DIRECTORY');
