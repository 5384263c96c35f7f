import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthService } from '../application/auth.service';
import { IdentityService } from '../application/identity.service';
import { Public } from './auth.decorators';
import { LoginDto, RefreshTokenDto, RegisterDto, RegisterResponseDto, TokenPairResponseDto } from './auth.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { LoginRateLimitGuard } from './login-rate-limit.guard';
import { RegisterRateLimitGuard } from './register-rate-limit.guard';

@ApiTags('auth')
@Public()
@Controller('auth')
export class AuthController {
  constructor(
    private readonly identity: IdentityService,
    private readonly auth: AuthService,
  ) {}

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
  async register(@Body() body: RegisterDto): Promise<RegisterResponseDto> {
    await this.identity.registerParticipant(body);
    return {
      status: 'accepted',
      message: '登録を受け付けました。登録したメールアドレスとパスワードでログインしてください。',
    };
  }

  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginRateLimitGuard, LocalAuthGuard)
  @ApiOperation({ summary: 'Log in with email and password' })
  @ApiOkResponse({ type: TokenPairResponseDto })
  @ApiUnauthorizedResponse({ description: 'INVALID_CREDENTIALS — the same for an unknown email and a wrong password.' })
  @ApiTooManyRequestsResponse({ description: 'LOGIN_RATE_LIMITED, with Retry-After.' })
  login(@Body() _body: LoginDto, @Req() request: { user: { id: string } }): Promise<TokenPairResponseDto> {
    return this.auth.issueTokens(request.user.id);
  }

  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new pair (rotation)',
    description: 'Each refresh token works once. Presenting a used one revokes its whole family.',
  })
  @ApiOkResponse({ type: TokenPairResponseDto })
  @ApiUnauthorizedResponse({ description: 'INVALID_REFRESH_TOKEN' })
  refresh(@Body() body: RefreshTokenDto): Promise<TokenPairResponseDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke the refresh-token family of this session' })
  @ApiNoContentResponse()
  async logout(@Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logout(body.refreshToken);
  }
}
