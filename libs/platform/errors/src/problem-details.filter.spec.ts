import { Logger, NotFoundException } from '@nestjs/common';
import { AppError } from './app-error';
import { PlatformErrorCode } from './platform-errors';
import { toProblemDetails } from './problem-details.filter';

describe('toProblemDetails', () => {
  const logger = new Logger('test');
  const errors: unknown[] = [];
  beforeAll(() => {
    jest.spyOn(logger, 'error').mockImplementation((e: unknown) => {
      errors.push(e);
    });
  });
  const req = (lang?: string) => ({ url: '/api/v1/x?y=1', headers: { 'accept-language': lang }, id: 'req-1' });

  it('turns an unexpected error into a 500 with an error id, logged, and no stack or message leak', () => {
    const boom = new Error('connection string postgres://secret@db leaked');
    const p = toProblemDetails(boom, req(), logger);
    expect(p.status).toBe(500);
    expect(p.code).toBe('INTERNAL_ERROR');
    expect(p.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(p)).not.toContain('secret');
    expect(JSON.stringify(p)).not.toContain('at ');
    expect(p.detail).toContain(p.errorId!);
    expect(errors).toContainEqual(expect.objectContaining({ errorId: p.errorId, err: boom }));
  });

  it('answers 503 (not 500) when Redis or PostgreSQL is unreachable', () => {
    const redisDown = new Error("Stream isn't writeable and enableOfflineQueue options is false");
    expect(toProblemDetails(redisDown, req(), logger)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    expect(toProblemDetails(refused, req('en'), logger)).toMatchObject({ status: 503, title: 'The service is temporarily unavailable.' });
    expect(toProblemDetails(new Error('plain bug'), req(), logger).status).toBe(500);
  });

  it('localizes registered codes with params, Japanese by default', () => {
    const e = new AppError(PlatformErrorCode.NOT_FOUND);
    expect(toProblemDetails(e, req(), logger)).toMatchObject({ status: 404, title: '対象が見つかりません。', instance: '/api/v1/x', requestId: 'req-1' });
    expect(toProblemDetails(e, req('en'), logger).title).toBe('Not found.');
  });

  it('maps framework HTTP exceptions and Fastify client errors by status', () => {
    expect(toProblemDetails(new NotFoundException(), req(), logger)).toMatchObject({ status: 404, code: 'ROUTE_NOT_FOUND' });
    expect(toProblemDetails({ statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' }, req(), logger)).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(toProblemDetails({ statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }, req(), logger)).toMatchObject({ status: 400, code: 'MALFORMED_REQUEST' });
    expect(toProblemDetails({ statusCode: 415 }, req(), logger)).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
  });
});
