// The framework floor for bench:http: an empty NestJS 11 + Fastify app with one route answering
// the same JSON as /health/live — no guards, pipes, hooks, headers or logging. Our api can only
// approach this; the gap between the two is what our own per-request work costs.
require('reflect-metadata');
const { Module, Controller, Get } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { FastifyAdapter } = require('@nestjs/platform-fastify');

class HealthController {
  live() {
    return { status: 'ok' };
  }
}
Get('live')(HealthController.prototype, 'live', Object.getOwnPropertyDescriptor(HealthController.prototype, 'live'));
Controller('health')(HealthController);

class FloorModule {}
Module({ controllers: [HealthController] })(FloorModule);

NestFactory.create(FloorModule, new FastifyAdapter(), { logger: false })
  .then((app) => app.listen(Number(process.env.PORT ?? 3912), '127.0.0.1'))
  .catch((e) => {
    process.stderr.write(`${e.stack}\n`);
    process.exit(1);
  });
