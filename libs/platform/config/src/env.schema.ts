import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/**
 * The one environment schema of every process (api, worker, cli).
 * Defaults work on a developer machine with local PostgreSQL and Redis.
 */
export class EnvSchema {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/kakawari';

  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379/0';

  /** Prefix of every BullMQ key; use a hash tag such as {kakawari} on Redis Cluster. */
  @IsString()
  @Matches(/^[A-Za-z0-9:{}_-]+$/)
  QUEUE_PREFIX = 'kakawari';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  @IsString()
  HOST = '0.0.0.0';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * 'true' when the api sits behind a reverse proxy that sets X-Forwarded-For/-Proto: client IPs
   * (rate limits, audit) and the request's protocol (the refresh cookie's Secure flag) come from them.
   */
  @IsIn(['true', 'false'])
  TRUST_PROXY: 'true' | 'false' = 'false';

  /**
   * The web session's refresh cookie carries `Secure`: 'auto' in production and on HTTPS requests;
   * 'always'; or 'never', for an intranet served over plain HTTP, where browsers drop a Secure cookie
   * and every reload would sign the user out.
   */
  @IsIn(['auto', 'always', 'never'])
  REFRESH_COOKIE_SECURE: 'auto' | 'always' | 'never' = 'auto';

  /** Secret that signs access tokens. Must be set (≥ 32 chars) in production. */
  @IsString()
  @MinLength(32)
  JWT_SECRET = 'dev-only-insecure-jwt-secret-change-me-0123456789';

  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(12)
  ADMIN_PASSWORD?: string;

  /** Identity: JWT issuer and audience (checked on every access token). */
  @IsString()
  JWT_ISSUER = 'kakawari';

  @IsString()
  JWT_AUDIENCE = 'kakawari-api';

  /** Lifetime of an access token in seconds (short: disabled users are also checked per request). */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(3600)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS = 30;

  /** argon2id memory in KiB; OWASP floor 19456 (19 MiB) is also the minimum accepted. */
  @Transform(toInt)
  @IsInt()
  @Min(19456)
  ARGON2_MEMORY_KIB = 19456;

  /** argon2id iterations; OWASP floor 2. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  ARGON2_TIME_COST = 2;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(16)
  ARGON2_PARALLELISM = 1;

  /** Login attempts: window (seconds) and limits per IP, per account+IP, and per account overall. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_WINDOW_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_IP = 100;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_ACCOUNT_IP = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT_PER_ACCOUNT = 50;

  /** Registrations per IP in the same window (each costs an argon2 hash). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REGISTER_RATE_LIMIT_PER_IP = 20;

  /**
   * Whether `seed` adds demo projects, accounts and synthetic people's relationships besides
   * master data. Default: on, except in production and tests, where demo people would otherwise
   * be counted in official numbers.
   */
  @IsOptional()
  @IsIn(['true', 'false'])
  SEED_DEMO?: 'true' | 'false';

  // --- notifications (libs/notifications) ---
  /** SMTP server for notification email, e.g. smtp://user:pass@mail.example.jp:587 (smtps:// for TLS). */
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  MAIL_FROM = '関わり <no-reply@kakawari.example.jp>';

  /** Public origin of the deployment, used in links inside emails (unsubscribe). */
  @Matches(/^https?:\/\/.+/, { message: 'must be an http(s) URL' })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /** How often the worker relays new notification deliveries to BullMQ. */
  @Transform(toInt) @IsInt() @Min(10)
  NOTIFICATIONS_RELAY_POLL_MS = 100;

  /** Sweeper period, and the age after which an unfinished delivery is re-queued. */
  @Transform(toInt) @IsInt() @Min(100)
  NOTIFICATIONS_SWEEP_INTERVAL_MS = 30_000;

  @Transform(toInt) @IsInt() @Min(100)
  NOTIFICATIONS_SWEEP_AFTER_MS = 120_000;

  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  NOTIFICATIONS_CONCURRENCY = 50;

  /** BullMQ stalled-job check and lock duration of the notifications worker. */
  @Transform(toInt) @IsInt() @Min(100)
  NOTIFICATIONS_STALLED_INTERVAL_MS = 30_000;

  @Transform(toInt) @IsInt() @Min(100)
  NOTIFICATIONS_LOCK_DURATION_MS = 30_000;

  /** Delivery attempts before a transient failure becomes permanent; backoff doubles from the base delay. */
  @Transform(toInt) @IsInt() @Min(1) @Max(50)
  NOTIFICATIONS_MAX_ATTEMPTS = 8;

  @Transform(toInt) @IsInt() @Min(10)
  NOTIFICATIONS_BACKOFF_MS = 5_000;

  /** Emails per recipient per hour; the excess is folded into the digest. */
  @Transform(toInt) @IsInt() @Min(1)
  NOTIFICATIONS_RATE_CAP_PER_HOUR = 20;

  @Transform(toInt) @IsInt() @Min(100)
  NOTIFICATIONS_WEBHOOK_TIMEOUT_MS = 10_000;

  /** Staff are reminded of applications left in 'applied' for this many days or more (daily, 09:00 JST). */
  @Transform(toInt) @IsInt() @Min(1)
  NOTIFICATIONS_UNANSWERED_DAYS = 3;

  // --- participants (libs/participants): furusato registration rules, configuration not constants ---
  /** Maximum active basic registrations per person; unset = no cap. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  REGISTRATION_BASIC_CAP?: number;

  /** Verified activities with a municipality in the last 12 months needed for premium (N). */
  @Transform(toInt) @IsInt() @Min(1)
  PREMIUM_MIN_ACTIVITIES = 3;

  /** Municipalities a person may hold premium with at once (M). */
  @Transform(toInt) @IsInt() @Min(1)
  PREMIUM_MAX_MUNICIPALITIES = 3;

  // --- matching (libs/matching): recommender weights, defaults in libs/matching/src/domain/weights.ts ---
  /** JSON object overriding some weights, e.g. {"skillMatch":4}; unknown keys stop start-up. */
  @IsOptional() @IsString()
  MATCHING_WEIGHTS?: string;

  /** Open projects scored per recommendation request (SQL pre-filter, newest first); quality vs latency. */
  @Transform(toInt) @IsInt() @Min(50) @Max(5000)
  MATCHING_CANDIDATE_CAP = 500;

  /** Scouting invitations a project may send per rolling 24 hours (nobody gets spammed). */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  SCOUT_INVITATIONS_PER_PROJECT_PER_DAY = 20;

  // --- relationships (libs/relationships): counting rules, configuration not constants ---
  /** An activity-based relationship lasts this many months after the latest verified activity. */
  @Transform(toInt) @IsInt() @Min(1) @Max(120)
  RELATIONSHIP_ACTIVITY_MONTHS = 12;

  /** Suppression (秘匿) threshold k: cells with 1 ≤ value < k are hidden from non-admins. */
  @Transform(toInt) @IsInt() @Min(1) @Max(1000)
  SUPPRESSION_K = 10;

  /** Worker: 'off' stops the applier of asynchronously recorded activities (tests that drive it themselves). */
  @IsIn(['on', 'off'])
  COUNTS_APPLIER: 'on' | 'off' = 'on';

  /** Worker: pending ledger rows the applier folds into the counts per transaction. */
  @Transform(toInt) @IsInt() @Min(1) @Max(50_000)
  COUNTS_APPLY_BATCH = 2_000;

  /** Worker: how often an idle applier looks for pending rows (ms). */
  @Transform(toInt) @IsInt() @Min(10) @Max(60_000)
  COUNTS_APPLY_INTERVAL_MS = 500;

  /** Worker: appliers running side by side, each on its own slice of the persons (PostgreSQL
   *  connections the applier holds while busy). */
  @Transform(toInt) @IsInt() @Min(1) @Max(16)
  COUNTS_APPLY_CONCURRENCY = 2;
}

export type Env = EnvSchema;

export class EnvValidationError extends Error {
  constructor(readonly variables: string[], details: string) {
    super(`Invalid environment: ${details}`);
    this.name = 'EnvValidationError';
  }
}

/** Validates `raw` (process.env) and returns the typed config, or throws naming every bad variable. */
export function validateEnv(raw: Record<string, unknown>): Env {
  const env = plainToInstance(EnvSchema, raw, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  const problems = errors.map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`,
  );
  if (env.NODE_ENV === 'production' && env.JWT_SECRET.startsWith('dev-only')) {
    problems.push('JWT_SECRET: must be set in production');
  }
  if ((env.ADMIN_EMAIL === undefined) !== (env.ADMIN_PASSWORD === undefined)) {
    problems.push('ADMIN_EMAIL/ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length > 0) {
    throw new EnvValidationError(
      problems.map((p) => p.split(':')[0]),
      problems.join(' | '),
    );
  }
  return env;
}
