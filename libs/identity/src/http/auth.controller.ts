import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiHeader,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@app/platform/errors';
import type { Env } from '@app/platform/config';
import { AuthService, type TokenPair } from '../application/auth.service';
import { IdentityErrorCode } from '../identity.errors';
import { IdentityService } from '../application/identity.service';
import { Public } from './auth.decorators';
import { LoginDto, LogoutDto, RefreshRequestDto, RegisterDto, RegisterResponseDto, TokenPairResponseDto } from './auth.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { LoginRateLimitGuard } from './login-rate-limit.guard';
import { RegisterRateLimitGuard } from './register-rate-limit.guard';
import { clearRefreshCookie, type CookiePolicy, refreshTokenFromCookie, SESSION_HEADER, setRefreshCookie, wantsCookie } from './refresh-cookie';

const SESSION_HEADER_DOC = {
  name: SESSION_HEADER,
  required: false,
  enum: ['cookie'],
  description:
    'Browsers: `cookie` keeps the refresh token in an httpOnly SameSite=Strict cookie (Path=/api/v1/auth) ' +
    'instead of the JSON body; refresh and logout then read it from the cookie.',
};

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly identity: IdentityService,
    private readonly auth: AuthService,
    config: ConfigService<Env, true>,
  ) {
    this.cookiePolicy = {
      secure: config.get('REFRESH_COOKIE_SECURE', { infer: true }),
      production: config.get('NODE_ENV', { infer: true }) === 'production',
    };
    this.keepSeconds = config.get('REFRESH_TOKEN_TTL_DAYS', { infer: true }) * 86_400;
  }

  /** A remembered session's cookie lives as long as its refresh token. */
  private readonly keepSeconds: number;

  private readonly cookiePolicy: CookiePolicy;

  @Post('register')
  @HttpCode(202)
  @UseGuards(RegisterRateLimitGuard)
  @ApiOperation({
    summary: 'Register a participant account',
    description: 'Answers 202 with the same body whether or not the email already has an account (no account enumeration).',
  })
  @ApiAcceptedResponse({ type: RegisterResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid email, or a password that is too short, too long or too common.' })
  @ApiTooManyRequestsResponse({ description: 'RATE_LIMITED (per IP), with Retry-After.' })
  async register(@Body() body: RegisterDto, @Req() request: FastifyRequest): Promise<RegisterResponseDto> {
    await this.identity.registerParticipant(body, request.id);
    return {
      status: 'accepted',
      message: '登録を受け付けました。登録したメールアドレスとパスワードでログインしてください。',
    };
  }

  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginRateLimitGuard, LocalAuthGuard)
  @ApiOperation({ summary: 'Log in with email and password' })
  @ApiHeader(SESSION_HEADER_DOC)
  @ApiOkResponse({ type: TokenPairResponseDto })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS — the same for an unknown email and a wrong password.' })
  @ApiTooManyRequestsResponse({ description: 'LOGIN_RATE_LIMITED, with Retry-After.' })
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest & { user: { id: string } },
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairResponseDto> {
    return this.answer(request, reply, await this.auth.issueTokens(request.user.id), body.remember === true);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair (rotation)',
    description:
      'Each refresh token works once. Presenting a used one revokes its whole family. The token comes from the body, ' +
      'or — when the body has none and `X-Kakawari-Session: cookie` is sent — from the httpOnly refresh cookie.',
  })
  @ApiHeader(SESSION_HEADER_DOC)
  @ApiOkResponse({ type: TokenPairResponseDto })
  @ApiUnauthorizedResponse({ description: 'INVALID_REFRESH_TOKEN (also when no token was presented at all)' })
  async refresh(
    @Body() body: RefreshRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TokenPairResponseDto> {
    const presented = body.refreshToken ?? refreshTokenFromCookie(request);
    try {
      if (!presented) throw new AppError(IdentityErrorCode.INVALID_REFRESH_TOKEN);
      return this.answer(request, reply, await this.auth.refresh(presented, request.id), body.remember === true);
    } catch (err) {
      // A dead cookie is dropped so the browser stops presenting it.
      if (wantsCookie(request)) clearRefreshCookie(request, reply, this.cookiePolicy);
      throw err;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke the refresh-token family of this session',
    description: 'The token comes from the body, or from the refresh cookie (with `X-Kakawari-Session: cookie`), which is cleared.',
  })
  @ApiHeader(SESSION_HEADER_DOC)
  @ApiNoContentResponse()
  async logout(
    @Body() body: LogoutDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    const presented = body.refreshToken ?? refreshTokenFromCookie(request);
    if (presented) await this.auth.logout(presented, request.id);
    if (wantsCookie(request)) clearRefreshCookie(request, reply, this.cookiePolicy);
  }

  /** Body transport for API clients; cookie transport (no refreshToken in the body) for browsers. */
  private answer(request: FastifyRequest, reply: FastifyReply, pair: TokenPair, remember: boolean): TokenPairResponseDto {
    if (!wantsCookie(request)) return pair;
    setRefreshCookie(request, reply, pair.refreshToken, this.cookiePolicy, remember ? this.keepSeconds : undefined);
    return { accessToken: pair.accessToken, expiresIn: pair.expiresIn, tokenType: pair.tokenType };
  }
}
