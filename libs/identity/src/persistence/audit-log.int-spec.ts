import { Client } from 'pg';
import { createTestDatabase, type TestDatabase } from '@app/platform/testing';

describe('audit_log is append-only (database-enforced)', () => {
  let db: TestDatabase;
  let client: Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    client = new Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await db.drop();
  });

  it('accepts inserts and refuses UPDATE, DELETE and TRUNCATE, even for the table owner', async () => {
    const inserted = await client.query<{ id: string }>(
      `INSERT INTO audit_log (actor_id, action, target_type, target_id, request_id, metadata)
       VALUES (gen_random_uuid(), 'test.event', 'user', 'x', 'req-1', '{"k":1}') RETURNING id`,
    );
    const id = inserted.rows[0].id;
    await expect(client.query(`UPDATE audit_log SET action = 'tampered' WHERE id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(client.query('DELETE FROM audit_log WHERE id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(client.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
    const row = await client.query('SELECT action, metadata FROM audit_log WHERE id = $1', [id]);
    expect(row.rows[0]).toEqual({ action: 'test.event', metadata: { k: 1 } });
  });
});
