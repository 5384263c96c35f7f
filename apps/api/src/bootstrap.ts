import fastifyCookie from '@fastify/cookie';
import { RequestMethod, ValidationPipe, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyBaseLogger } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { validationExceptionFactory } from '@app/platform/errors';
import { validateEnv } from '@app/platform/config';
import { PinoNestLogger, RequestLogController, requestIdOf, rootLogger } from '@app/platform/logging';
import { MetricsService, precomputeSecurityHeaders } from '@app/platform/observability';
import { mountQueueDashboard } from '@app/notifications';
import { ApiModule } from './api.module';
import { serveWebApp } from './web-static';

export const API_PREFIX = 'api/v1';
/** Bodies above this are refused with 413 before any handler runs. */
export const BODY_LIMIT_BYTES = 64 * 1024;

export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Kakawari API')
    .setDescription(
      '関係人口（relationship population）マッチングと実人数・延べ人数の集計のための API。' +
        ' Errors are RFC 9457 problem details (application/problem+json), Japanese by default;' +
        ' send `Accept-Language: en` for English.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '')}_${methodKey}`,
  });
}

/** Applies every HTTP convention; shared by main.ts, the OpenAPI generator and e2e tests. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  app.enableShutdownHooks();
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  // Pages (the web app, its assets, the API docs) get helmet's full set. JSON answers get the
  // set OWASP's REST cheat sheet asks for — nothing in them is rendered, framed or scripted — since
  // every header costs ~1 µs to set and validate on each response.
  const pageHeaders = precomputeSecurityHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        // Municipal intranets may serve plain HTTP; TLS is the proxy's job, and HSTS covers HTTPS.
        upgradeInsecureRequests: null,
      },
    },
  });
  const apiHeaders = precomputeSecurityHeaders({
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  });
  const isApiUrl = (url: string) => url.startsWith('/api/v1/') || url.startsWith('/health/') || url.startsWith('/metrics');

  // Parses Cookie headers into request.cookies (the web's httpOnly refresh cookie, see
  // libs/identity/src/http/refresh-cookie.ts); unsigned, the cookie value is an opaque token.
  await app.register(fastifyCookie);

  const fastify = app.getHttpAdapter().getInstance();
  // The request id travels explicitly: response header and line, problem details, and the Actor
  // (audit rows). No AsyncLocalStorage: on Node 20 it hooks every promise (~20 % of a request).
  fastify.addHook('onRequest', (request, reply, done) => {
    reply.headers(isApiUrl(request.url) ? apiHeaders : pageHeaders);
    reply.header('x-request-id', request.id);
    done();
  });
  // Errors raised by Fastify itself (bad JSON, body too large) and unknown routes reach
  // ProblemDetailsFilter through the error and not-found handlers Nest installs at init.

  // Bull Board at /admin/queues, admins only (session cookie from POST /api/v1/admin/queues/session).
  await mountQueueDashboard(app);

  // The web front end (apps/web/dist), same origin, only when it has been built.
  await serveWebApp(app);

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    customSiteTitle: 'Kakawari API',
  });
}

export async function createApiApp(): Promise<NestFastifyApplication> {
  const requestLog = new RequestLogController();
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: validateEnv(process.env).TRUST_PROXY === 'true',
    genReqId: (req: import('node:http').IncomingMessage) => requestIdOf(req),
    requestIdHeader: false,
    // Fastify's native pino logging; RequestLogController writes one line per response.
    loggerInstance: rootLogger(),
    logController: requestLog,
    // request.log is the root logger: a pino child per request (with its redaction serializers)
    // cost ~8 % of a trivial request; lines that need the request id carry it as a field.
    childLoggerFactory: (logger: FastifyBaseLogger) => logger,
  });
  const app = await NestFactory.create<NestFastifyApplication>(ApiModule, adapter, {
    logger: new PinoNestLogger(),
  });
  const metrics = app.get(MetricsService);
  requestLog.observeWith((request, reply, route) => metrics.httpDuration.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000));
  await configureApp(app);
  return app;
}
