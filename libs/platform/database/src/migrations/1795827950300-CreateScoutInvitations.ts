import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Matching: scouting invitations from a project's staff to a participant who consented to be scouted. */
export class CreateScoutInvitations1795827950300 implements MigrationInterface {
  name = 'CreateScoutInvitations1795827950300';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE scout_invitations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        invited_by uuid NOT NULL,
        message text,
        status text NOT NULL DEFAULT 'pending',
        created_at timestamptz NOT NULL DEFAULT now(),
        responded_at timestamptz,
        CONSTRAINT pk_scout_invitations PRIMARY KEY (id),
        CONSTRAINT uq_scout_invitations_project_participant UNIQUE (project_id, participant_id),
        CONSTRAINT chk_scout_invitations_status CHECK (status IN ('pending', 'accepted', 'declined')),
        CONSTRAINT chk_scout_invitations_responded CHECK ((status = 'pending') = (responded_at IS NULL)),
        CONSTRAINT chk_scout_invitations_message CHECK (message IS NULL OR char_length(message) <= 1000)
      )`);
    await q.query('CREATE INDEX idx_scout_invitations_project_created ON scout_invitations (project_id, created_at)');
    await q.query('CREATE INDEX idx_scout_invitations_participant_created ON scout_invitations (participant_id, created_at DESC)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE scout_invitations');
  }
}
