import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import * as argon2 from 'argon2';
import type { Env } from '@app/platform/config';

/** argon2id with parameters from config (floor m = 19 MiB, t = 2, p = 1: OWASP's minimum). */
@Injectable()
export class PasswordHasher {
  private readonly options: argon2.HashOptions;
  private dummyHash?: Promise<string>;

  constructor(config: ConfigService<Env, true>) {
    this.options = {
      type: argon2.argon2id,
      memoryCost: config.get('ARGON2_MEMORY_KIB', { infer: true }),
      timeCost: config.get('ARGON2_TIME_COST', { infer: true }),
      parallelism: config.get('ARGON2_PARALLELISM', { infer: true }),
    };
  }

  get parameters(): { memoryKiB: number; timeCost: number; parallelism: number } {
    return {
      memoryKiB: this.options.memoryCost!,
      timeCost: this.options.timeCost!,
      parallelism: this.options.parallelism!,
    };
  }

  hash(password: string): Promise<string> {
    return argon2.hash(normalizePassword(password), { ...this.options, raw: false });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, normalizePassword(password));
    } catch {
      return false;
    }
  }

  /** Spends the same time as a real verification, for unknown accounts (no timing oracle). */
  async verifyDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash('kakawari-dummy-password-for-timing');
    await this.verify(await this.dummyHash, password);
    return false;
  }
}

/**
 * NIST SP 800-63B §5.1.1.2: Unicode passwords are normalized (NFKC) before hashing, so the same
 * passphrase typed on another keyboard or IME (full-width ｐａｓｓ, composed kana) still matches.
 */
function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}
