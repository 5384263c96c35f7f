import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Env } from '@app/platform/config';
import { IdentityService } from './identity.service';

/** Creates the first admin from ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists (api start-up). */
@Injectable()
export class AdminBootstrapService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminBootstrapService.name);

  constructor(
    private readonly identity: IdentityService,
    private readonly config: ConfigService<Env, true>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (process.env.KAKAWARI_PROCESS === 'cli' || process.env.KAKAWARI_PROCESS === 'worker') return;
    const email = this.config.get('ADMIN_EMAIL', { infer: true });
    const password = this.config.get('ADMIN_PASSWORD', { infer: true });
    if (!email || !password) return;
    const result = await this.identity.ensureBootstrapAdmin(email, password);
    if (result === 'created') this.logger.log('first admin created from ADMIN_EMAIL');
  }
}
