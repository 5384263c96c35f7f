import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Identity context: users, refresh-token families and tokens, and the append-only audit log. */
export class CreateIdentity1795824473090 implements MigrationInterface {
  name = 'CreateIdentity1795824473090';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text,
        role text NOT NULL,
        status text NOT NULL DEFAULT 'active',
        display_name text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        disabled_at timestamptz,
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT uq_users_email UNIQUE (email),
        CONSTRAINT chk_users_role CHECK (role IN ('participant', 'company_admin', 'municipality_staff', 'prefecture_staff', 'hq_analyst', 'admin')),
        CONSTRAINT chk_users_status CHECK (status IN ('active', 'disabled')),
        CONSTRAINT chk_users_email_normalized CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        CONSTRAINT chk_users_disabled_at CHECK ((status = 'disabled') = (disabled_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX idx_users_role ON users (role) WHERE role = 'admin'`);
    await q.query(`
      CREATE TABLE refresh_token_families (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_reason text,
        CONSTRAINT pk_refresh_token_families PRIMARY KEY (id),
        CONSTRAINT fk_refresh_token_families_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT chk_refresh_token_families_revoked CHECK ((revoked_at IS NULL) = (revoked_reason IS NULL))
      )`);
    await q.query('CREATE INDEX idx_refresh_token_families_user_id ON refresh_token_families (user_id)');
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        token_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        CONSTRAINT pk_refresh_tokens PRIMARY KEY (id),
        CONSTRAINT uq_refresh_tokens_token_hash UNIQUE (token_hash),
        CONSTRAINT fk_refresh_tokens_family_id FOREIGN KEY (family_id) REFERENCES refresh_token_families (id) ON DELETE CASCADE
      )`);
    await q.query('CREATE INDEX idx_refresh_tokens_family_id ON refresh_tokens (family_id)');
    // Append-only: no foreign key to users (deleting an account must not rewrite its audit trail).
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid,
        action text NOT NULL,
        target_type text,
        target_id text,
        request_id text,
        metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
        CONSTRAINT pk_audit_log PRIMARY KEY (id)
      )`);
    await q.query('CREATE INDEX idx_audit_log_actor_id ON audit_log (actor_id, occurred_at)');
    await q.query('CREATE INDEX idx_audit_log_action ON audit_log (action, occurred_at)');
    await q.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
      $$`);
    await q.query(`
      CREATE TRIGGER trg_audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await q.query(`
      CREATE TRIGGER trg_audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS audit_log');
    await q.query('DROP FUNCTION IF EXISTS audit_log_refuse_change()');
    await q.query('DROP TABLE IF EXISTS refresh_tokens');
    await q.query('DROP TABLE IF EXISTS refresh_token_families');
    await q.query('DROP TABLE IF EXISTS users');
  }
}
