import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Participation context: applications and their history, the per-project seat counter that keeps
 * capacity under concurrent accepts, idempotency keys of apply requests, daily check-in codes and
 * verified activities (担い手活動). Project and participant ids are plain uuids: those rows belong
 * to other contexts, so there are no foreign keys to them.
 */
export class CreateParticipation1795824611362 implements MigrationInterface {
  name = 'CreateParticipation1795824611362';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE project_seats (
        project_id uuid NOT NULL,
        capacity integer NOT NULL,
        accepted_count integer NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_project_seats PRIMARY KEY (project_id),
        CONSTRAINT chk_project_seats_accepted_count CHECK (accepted_count <= capacity AND accepted_count >= 0)
      )`);
    await q.query(`
      CREATE TABLE applications (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        state text NOT NULL DEFAULT 'applied',
        motivation text,
        version integer NOT NULL DEFAULT 1,
        applied_at timestamptz NOT NULL DEFAULT now(),
        accepted_at timestamptz,
        rejected_at timestamptz,
        waitlisted_at timestamptz,
        attended_at timestamptz,
        no_show_at timestamptz,
        withdrawn_at timestamptz,
        cancelled_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_applications PRIMARY KEY (id),
        CONSTRAINT uq_applications_project_id_participant_id UNIQUE (project_id, participant_id),
        CONSTRAINT chk_applications_state CHECK (state IN ('applied', 'accepted', 'rejected', 'waitlisted', 'attended', 'no_show', 'withdrawn', 'cancelled')),
        CONSTRAINT chk_applications_motivation CHECK (motivation IS NULL OR char_length(motivation) <= 2000),
        CONSTRAINT chk_applications_version CHECK (version >= 1)
      )`);
    await q.query('CREATE INDEX idx_applications_participant_id ON applications (participant_id, applied_at DESC, id DESC)');
    await q.query('CREATE INDEX idx_applications_project_id ON applications (project_id, applied_at, id)');
    // First waitlisted applicant of a project: the one a freed seat is offered to.
    await q.query(`CREATE INDEX idx_applications_waitlist ON applications (project_id, waitlisted_at, id) WHERE state = 'waitlisted'`);
    await q.query(`
      CREATE TABLE application_state_history (
        id bigserial NOT NULL,
        application_id uuid NOT NULL,
        from_state text,
        to_state text NOT NULL,
        version integer NOT NULL,
        actor_id uuid,
        actor_kind text NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_application_state_history PRIMARY KEY (id),
        CONSTRAINT fk_application_state_history_application_id FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
        CONSTRAINT uq_application_state_history_application_id_version UNIQUE (application_id, version),
        CONSTRAINT chk_application_state_history_actor_kind CHECK (actor_kind IN ('participant', 'staff', 'system'))
      )`);
    await q.query(`
      CREATE TABLE idempotency_keys (
        key text NOT NULL,
        participant_id uuid NOT NULL,
        request_hash char(64) NOT NULL,
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_idempotency_keys PRIMARY KEY (participant_id, key),
        CONSTRAINT chk_idempotency_keys_key CHECK (char_length(key) BETWEEN 1 AND 255)
      )`);
    // Keys expire after 24 h: purged by created_at.
    await q.query('CREATE INDEX idx_idempotency_keys_created_at ON idempotency_keys (created_at)');
    await q.query(`
      CREATE TABLE check_in_codes (
        project_id uuid NOT NULL,
        day date NOT NULL,
        code_hash char(64) NOT NULL,
        issued_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        CONSTRAINT pk_check_in_codes PRIMARY KEY (project_id, day)
      )`);
    await q.query(`
      CREATE TABLE activities (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        project_id uuid NOT NULL,
        municipality_codes text[] NOT NULL,
        verified_at timestamptz NOT NULL DEFAULT now(),
        verified_by text NOT NULL,
        verifier_id uuid,
        CONSTRAINT pk_activities PRIMARY KEY (id),
        CONSTRAINT uq_activities_application_id UNIQUE (application_id),
        CONSTRAINT fk_activities_application_id FOREIGN KEY (application_id) REFERENCES applications (id) ON DELETE CASCADE,
        CONSTRAINT chk_activities_verified_by CHECK (verified_by IN ('staff', 'check_in_code')),
        CONSTRAINT chk_activities_municipality_codes CHECK (cardinality(municipality_codes) >= 1)
      )`);
    await q.query('CREATE INDEX idx_activities_participant_id ON activities (participant_id, verified_at)');
    await q.query('CREATE INDEX idx_activities_project_id ON activities (project_id)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE activities');
    await q.query('DROP TABLE check_in_codes');
    await q.query('DROP TABLE idempotency_keys');
    await q.query('DROP TABLE application_state_history');
    await q.query('DROP TABLE applications');
    await q.query('DROP TABLE project_seats');
  }
}
