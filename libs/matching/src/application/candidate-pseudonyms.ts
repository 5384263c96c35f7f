import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Pseudonymous handles for scouting: staff see a per-project label and an opaque candidate id (the
 * participant id sealed with AES-256-GCM, bound to the project), never the participant's id or name.
 */
export class CandidatePseudonyms {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'kakawari', 'matching.scout-candidates', 32));
  }

  seal(projectId: string, participantId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(projectId));
    const ct = Buffer.concat([cipher.update(participantId, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
  }

  /** The participant id, or null when the token is not one of ours for this project. */
  open(projectId: string, token: string): string | null {
    try {
      const raw = Buffer.from(token, 'base64url');
      if (raw.length < 29) return null;
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAAD(Buffer.from(projectId));
      decipher.setAuthTag(raw.subarray(12, 28));
      const id = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      return /^[0-9a-f-]{36}$/i.test(id) ? id : null;
    } catch {
      return null;
    }
  }

  /** A stable label for one participant within one project (different in every project). */
  label(projectId: string, participantId: string): string {
    const h = createHmac('sha256', this.key).update(`${projectId}:${participantId}`).digest('hex');
    return `候補者-${h.slice(0, 6).toUpperCase()}`;
  }
}
