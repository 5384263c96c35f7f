import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Env } from '@app/platform/config';
import { PlatformOutboxModule } from '@app/platform/outbox';
import { ActorScopeRegistry } from './application/actor-scope.registry';
import { AdminBootstrapService } from './application/admin-bootstrap.service';
import { AuditLogService } from './application/audit-log.service';
import { AuthService } from './application/auth.service';
import { IdentityService } from './application/identity.service';
import { PasswordHasher } from './application/password-hasher.service';
import { AccessGuard, JwtAuthGuard } from './http/access.guard';
import { AccountController } from './http/account.controller';
import { AuthController } from './http/auth.controller';
import { JwtStrategy } from './http/jwt.strategy';
import { LocalAuthGuard } from './http/local-auth.guard';
import { LocalStrategy } from './http/local.strategy';
import { AuditLogEntity } from './persistence/audit-log.entity';
import { AuditLogRepository } from './persistence/audit-log.repository';
import { RefreshTokenEntity, RefreshTokenFamilyEntity } from './persistence/refresh-token.entity';
import { RefreshTokenRepository } from './persistence/refresh-token.repository';
import { UserEntity } from './persistence/user.entity';
import { UserRepository } from './persistence/user.repository';

/**
 * Accounts, authentication (passport local + JWT), the global access guard and the audit log.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([UserEntity, RefreshTokenFamilyEntity, RefreshTokenEntity, AuditLogEntity]),
    PlatformOutboxModule,
    PassportModule.register({ session: false }),
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService<Env, true>) => ({
        secret: config.get('JWT_SECRET', { infer: true }),
        signOptions: {
          algorithm: 'HS256',
          issuer: config.get('JWT_ISSUER', { infer: true }),
          audience: config.get('JWT_AUDIENCE', { infer: true }),
          expiresIn: config.get('JWT_ACCESS_TTL_SECONDS', { infer: true }),
        },
        verifyOptions: {
          algorithms: ['HS256'],
          issuer: config.get('JWT_ISSUER', { infer: true }),
          audience: config.get('JWT_AUDIENCE', { infer: true }),
        },
      }),
    }),
  ],
  // LoginRateLimitGuard is not a provider: it is built where it is used (@UseGuards on login), so
  // processes without Redis (the CLI) can import this module.
  controllers: [AuthController, AccountController],
  providers: [
    UserRepository,
    RefreshTokenRepository,
    AuditLogRepository,
    PasswordHasher,
    AuditLogService,
    ActorScopeRegistry,
    IdentityService,
    AuthService,
    AdminBootstrapService,
    LocalStrategy,
    JwtStrategy,
    JwtAuthGuard,
    LocalAuthGuard,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [IdentityService, AuditLogService, ActorScopeRegistry, PasswordHasher],
})
export class IdentityModule {}
