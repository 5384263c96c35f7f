/** Purposes a participant consents to, each recorded with the version of the text they agreed to. */
export const CONSENT_PURPOSES = ['share_contact_with_hosts', 'be_scouted', 'receive_digest'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** Version of the consent text shown for each purpose; bump when the wording changes. */
export const CONSENT_POLICY_VERSIONS: Record<ConsentPurpose, string> = {
  share_contact_with_hosts: '2026-04',
  be_scouted: '2026-04',
  receive_digest: '2026-04',
};

/** Purposes that may also be given per municipality (a host-specific decision). */
export const PER_MUNICIPALITY_PURPOSES: readonly ConsentPurpose[] = ['share_contact_with_hosts'];

export function isConsentPurpose(v: string): v is ConsentPurpose {
  return (CONSENT_PURPOSES as readonly string[]).includes(v);
}

export interface ConsentRecord {
  purpose: ConsentPurpose;
  municipalityCode: string | null;
  granted: boolean;
  policyVersion: string;
  recordedAt: Date;
}

/**
 * Whether a purpose is granted for a municipality: the latest municipality-specific decision wins,
 * else the latest general one; no record means no consent. `latest` holds the newest record per
 * (purpose, municipality).
 */
export function effectiveConsent(latest: readonly ConsentRecord[], purpose: ConsentPurpose, municipalityCode?: string): boolean {
  if (municipalityCode) {
    const specific = latest.find((r) => r.purpose === purpose && r.municipalityCode === municipalityCode);
    if (specific) return specific.granted;
  }
  const general = latest.find((r) => r.purpose === purpose && r.municipalityCode === null);
  return general?.granted ?? false;
}
