import 'reflect-metadata';
import { ConfigService } from '@nestjs/config';
import type { Env } from '@app/platform/config';
import { createApiApp } from './bootstrap';

async function main(): Promise<void> {
  process.env.KAKAWARI_PROCESS ??= 'api';
  const app = await createApiApp();
  const config = app.get(ConfigService<Env, true>);
  await app.listen({ port: config.get('PORT', { infer: true }), host: config.get('HOST', { infer: true }) });
}

main().catch((err: unknown) => {
  // Before the logger exists (e.g. invalid environment) stderr is all we have.
  process.stderr.write(`api failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
