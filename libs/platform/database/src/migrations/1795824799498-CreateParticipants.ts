import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Participants context: profiles, consent history (grant/revoke rows, never overwritten),
 * furusato registrations (ふるさと住民登録; history kept, one ACTIVE row per person and
 * municipality) and a read model of verified activities fed by participation's outbox events.
 */
export class CreateParticipants1795824799498 implements MigrationInterface {
  name = 'CreateParticipants1795824799498';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE participant_profiles (
        user_id uuid NOT NULL,
        display_name text NOT NULL,
        residence_municipality_code char(6) NOT NULL,
        hometown_municipality_code char(6),
        interest_region_codes text[] NOT NULL DEFAULT '{}',
        skills text[] NOT NULL DEFAULT '{}',
        interests text[] NOT NULL DEFAULT '{}',
        modes text[] NOT NULL DEFAULT '{}',
        availability text[] NOT NULL DEFAULT '{}',
        participant_type text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_participant_profiles PRIMARY KEY (user_id),
        CONSTRAINT chk_participant_profiles_display_name CHECK (char_length(display_name) BETWEEN 1 AND 50),
        CONSTRAINT chk_participant_profiles_type CHECK (participant_type IN ('urban_resident', 'remote_worker', 'company_employee'))
      )`);
    await q.query(`
      CREATE TABLE participant_consent_events (
        id bigserial NOT NULL,
        user_id uuid NOT NULL,
        purpose text NOT NULL,
        municipality_code char(6),
        granted boolean NOT NULL,
        policy_version text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_participant_consent_events PRIMARY KEY (id),
        CONSTRAINT chk_participant_consent_events_purpose CHECK (purpose IN ('share_contact_with_hosts', 'be_scouted', 'receive_digest'))
      )`);
    await q.query('CREATE INDEX idx_participant_consent_events_user ON participant_consent_events (user_id, purpose, municipality_code, id DESC)');
    await q.query(`
      CREATE TABLE furusato_registrations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        municipality_code char(6) NOT NULL,
        tier text NOT NULL DEFAULT 'basic',
        registered_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        premium_granted_at timestamptz,
        premium_expires_at timestamptz,
        CONSTRAINT pk_furusato_registrations PRIMARY KEY (id),
        CONSTRAINT chk_furusato_registrations_tier CHECK (tier IN ('basic', 'premium')),
        CONSTRAINT chk_furusato_registrations_premium CHECK ((tier = 'premium') = (premium_expires_at IS NOT NULL)),
        CONSTRAINT chk_furusato_registrations_withdrawn CHECK (withdrawn_at IS NULL OR withdrawn_at >= registered_at)
      )`);
    await q.query('CREATE UNIQUE INDEX uq_furusato_registrations_active ON furusato_registrations (user_id, municipality_code) WHERE withdrawn_at IS NULL');
    await q.query('CREATE INDEX idx_furusato_registrations_user ON furusato_registrations (user_id, registered_at)');
    await q.query(`
      CREATE TABLE participant_activity_log (
        participant_id uuid NOT NULL,
        municipality_code char(6) NOT NULL,
        activity_id text NOT NULL,
        verified_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_participant_activity_log PRIMARY KEY (activity_id, municipality_code)
      )`);
    await q.query('CREATE INDEX idx_participant_activity_log_participant ON participant_activity_log (participant_id, municipality_code, verified_at)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE participant_activity_log');
    await q.query('DROP TABLE furusato_registrations');
    await q.query('DROP TABLE participant_consent_events');
    await q.query('DROP TABLE participant_profiles');
  }
}
