import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { DiscoveryService } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { createServer, type Server } from 'node:http';
import type { DataSource } from 'typeorm';
import { WorkerHost } from '@nestjs/bullmq';
import type { Env } from '@app/platform/config';
import { MetricsService, RedisHealthIndicator } from '@app/platform/observability';

/**
 * A bare HTTP listener for orchestrators (the worker has no controllers):
 * `/health/live`, `/health/ready` (database, Redis, every BullMQ worker running) and `/metrics`.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server?: Server;

  constructor(
    private readonly config: ConfigService<Env, true>,
    private readonly discovery: DiscoveryService,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisHealthIndicator,
    private readonly metrics: MetricsService,
  ) {}

  async readiness(): Promise<{ ok: boolean; details: Record<string, string> }> {
    const details: Record<string, string> = {};
    try {
      await this.dataSource.query('SELECT 1');
      details.database = 'up';
    } catch {
      details.database = 'down';
    }
    const redis = await this.redis.pingCheck('redis');
    details.redis = redis.redis.status;
    for (const host of this.processors()) {
      const name = host.worker.name;
      details[`queue:${name}`] = host.worker.isRunning() ? 'up' : 'down';
    }
    return { ok: Object.values(details).every((s) => s === 'up'), details };
  }

  processors(): WorkerHost[] {
    return this.discovery
      .getProviders()
      .map((w) => w.instance as unknown)
      .filter((i): i is WorkerHost => i instanceof WorkerHost);
  }

  onApplicationBootstrap(): void {
    const port = this.config.get('WORKER_HEALTH_PORT', { infer: true });
    if (port === 0 && process.env.NODE_ENV === 'test') return;
    this.server = createServer((req, res) => {
      void (async () => {
        if (req.url === '/health/live') {
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
        } else if (req.url === '/health/ready') {
          const r = await this.readiness();
          res
            .writeHead(r.ok ? 200 : 503, { 'content-type': 'application/json' })
            .end(JSON.stringify({ status: r.ok ? 'ok' : 'error', details: r.details }));
        } else if (req.url === '/metrics') {
          res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(await this.metrics.registry.metrics());
        } else {
          res.writeHead(404).end();
        }
      })();
    });
    this.server.listen(port, this.config.get('HOST', { infer: true }), () =>
      this.logger.log(`worker health on :${port}`),
    );
  }

  onApplicationShutdown(): void {
    this.server?.close();
  }
}
