import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Matching: recommendation candidates are read newest-published first among open projects; this
 * partial index lets that read stop after the first few thousand rows instead of sorting them all.
 */
export class AddProjectsOpenPublishedIndex1795827543786 implements MigrationInterface {
  name = 'AddProjectsOpenPublishedIndex1795827543786';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX idx_projects_published_published_at ON projects (published_at DESC, id DESC) WHERE status = 'published'`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX idx_projects_published_published_at');
  }
}
