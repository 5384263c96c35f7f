// The web app's static serving with optional prefecture boundaries (WEB_TOPOJSON_FILE / _URL), on
// a bare Nest + Fastify app (no database): the <meta> the SPA reads, the gzip / plain TopoJSON,
// and a clear start-up error for a missing file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { BOUNDARIES_PATH, serveWebApp } from './web-static';

@Module({})
class EmptyModule {}

describe('serveWebApp with prefecture boundaries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kakawari-web-'));
  const topo = JSON.stringify({ type: 'Topology', objects: { prefectures: { type: 'GeometryCollection', geometries: [] } }, arcs: [] });
  const saved = { ...process.env };
  let app: NestFastifyApplication | null = null;

  beforeAll(() => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="ja"><head><title>t</title></head><body></body></html>');
    writeFileSync(join(dir, 'prefectures.topo.json'), topo);
  });

  afterEach(async () => {
    await app?.close();
    app = null;
    process.env = { ...saved };
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function start(env: Record<string, string>): Promise<NestFastifyApplication> {
    process.env.WEB_DIST_DIR = dir;
    delete process.env.WEB_TOPOJSON_FILE;
    delete process.env.WEB_TOPOJSON_URL;
    Object.assign(process.env, env);
    app = await NestFactory.create<NestFastifyApplication>(EmptyModule, new FastifyAdapter(), { logger: false });
    expect(await serveWebApp(app)).toBe(true);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return app;
  }

  it('WEB_TOPOJSON_FILE: index.html names the boundaries URL; the file is served gzip or plain', async () => {
    const fastify = (await start({ WEB_TOPOJSON_FILE: join(dir, 'prefectures.topo.json') })).getHttpAdapter().getInstance();
    const index = await fastify.inject({ method: 'GET', url: '/hq' });
    expect(index.body).toContain(`<meta name="kakawari-boundaries" content="${BOUNDARIES_PATH}" />`);
    expect(index.body.indexOf('kakawari-boundaries')).toBeLessThan(index.body.indexOf('</head>'));

    const gz = await fastify.inject({ method: 'GET', url: BOUNDARIES_PATH, headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(gz.statusCode).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers['content-type']).toContain('application/json');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(topo);

    const plain = await fastify.inject({ method: 'GET', url: BOUNDARIES_PATH });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(topo);
  });

  it('WEB_TOPOJSON_URL: the URL goes into the meta tag, attribute-escaped', async () => {
    const fastify = (await start({ WEB_TOPOJSON_URL: '/static/japan.topo.json?v="1"&x' })).getHttpAdapter().getInstance();
    const index = await fastify.inject({ method: 'GET', url: '/' });
    expect(index.body).toContain('<meta name="kakawari-boundaries" content="/static/japan.topo.json?v=&quot;1&quot;&amp;x" />');
  });

  it('neither set: no meta tag (the SPA keeps the tile-grid map)', async () => {
    const fastify = (await start({})).getHttpAdapter().getInstance();
    const index = await fastify.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).not.toContain('kakawari-boundaries');
  });

  it('a missing WEB_TOPOJSON_FILE stops start-up with the path named', async () => {
    process.env.WEB_DIST_DIR = dir;
    process.env.WEB_TOPOJSON_FILE = join(dir, 'nope.topo.json');
    app = await NestFactory.create<NestFastifyApplication>(EmptyModule, new FastifyAdapter(), { logger: false });
    await expect(serveWebApp(app)).rejects.toThrow(`WEB_TOPOJSON_FILE not found: ${join(dir, 'nope.topo.json')}`);
  });
});
