import request from 'supertest';
import { startTestApi, type TestApi } from '../support/api-app';
import { createUser } from '../support/identity';

describe('auth (e2e)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.close());
  const http = () => request(api.app.getHttpServer());

  it('registers, logs in, reads /me, refreshes', async () => {
    const reg = await http().post('/api/v1/auth/register').send({ email: 'Ｈａｎａ@Example.jp', password: '山と海のあいだで暮らす', displayName: '花子' }).expect(202);
    expect(reg.body.status).toBe('accepted');
    const login = await http().post('/api/v1/auth/login').send({ email: 'hana@example.jp', password: '山と海のあいだで暮らす' }).expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
    const me = await http().get('/api/v1/me').set('authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body).toMatchObject({ email: 'hana@example.jp', role: 'participant', displayName: '花子' });
    const u = await createUser(api, { role: 'participant' });
    expect(u.accessToken).toBeTruthy();
  });
});
