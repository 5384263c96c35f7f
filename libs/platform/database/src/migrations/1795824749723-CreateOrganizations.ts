import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organizations context: municipality / prefecture organizations, companies, memberships, invitations. */
export class CreateOrganizations1795824749723 implements MigrationInterface {
  name = 'CreateOrganizations1795824749723';

  public async up(q: QueryRunner): Promise<void> {
    // Codes are validated through the regions context's service, not by a foreign key to its tables.
    await q.query(`
      CREATE TABLE organizations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        name text NOT NULL,
        municipality_code char(6),
        prefecture_code char(2),
        corporate_number char(13),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_organizations PRIMARY KEY (id),
        CONSTRAINT chk_organizations_kind CHECK (
          (kind = 'municipality' AND municipality_code ~ '^[0-9]{6}$' AND prefecture_code IS NULL AND corporate_number IS NULL)
          OR (kind = 'prefecture' AND prefecture_code ~ '^[0-9]{2}$' AND municipality_code IS NULL AND corporate_number IS NULL)
          OR (kind = 'company' AND municipality_code IS NULL AND prefecture_code IS NULL
              AND (corporate_number IS NULL OR corporate_number ~ '^[1-9][0-9]{12}$'))
        ),
        CONSTRAINT chk_organizations_name CHECK (length(name) BETWEEN 1 AND 200)
      )`);
    await q.query(`CREATE UNIQUE INDEX uq_organizations_municipality_code ON organizations (municipality_code) WHERE kind = 'municipality'`);
    await q.query(`CREATE UNIQUE INDEX uq_organizations_prefecture_code ON organizations (prefecture_code) WHERE kind = 'prefecture'`);
    await q.query(`CREATE UNIQUE INDEX uq_organizations_corporate_number ON organizations (corporate_number) WHERE corporate_number IS NOT NULL`);
    await q.query(`
      CREATE TABLE memberships (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        user_id uuid NOT NULL,
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_memberships PRIMARY KEY (id),
        CONSTRAINT uq_memberships_organization_id_user_id UNIQUE (organization_id, user_id),
        CONSTRAINT fk_memberships_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT fk_memberships_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT chk_memberships_role CHECK (role IN ('staff', 'company_admin', 'employee'))
      )`);
    await q.query('CREATE INDEX idx_memberships_user_id ON memberships (user_id)');
    await q.query(`
      CREATE TABLE company_invitations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL,
        email text NOT NULL,
        token_hash char(64) NOT NULL,
        invited_by uuid NOT NULL,
        status text NOT NULL DEFAULT 'pending',
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_by uuid,
        accepted_at timestamptz,
        CONSTRAINT pk_company_invitations PRIMARY KEY (id),
        CONSTRAINT uq_company_invitations_token_hash UNIQUE (token_hash),
        CONSTRAINT fk_company_invitations_organization_id FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE,
        CONSTRAINT chk_company_invitations_status CHECK (status IN ('pending', 'accepted', 'revoked')),
        CONSTRAINT chk_company_invitations_accepted CHECK ((status = 'accepted') = (accepted_by IS NOT NULL AND accepted_at IS NOT NULL))
      )`);
    await q.query('CREATE INDEX idx_company_invitations_organization_id ON company_invitations (organization_id)');
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE IF EXISTS company_invitations');
    await q.query('DROP TABLE IF EXISTS memberships');
    await q.query('DROP TABLE IF EXISTS organizations');
  }
}
