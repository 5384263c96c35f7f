import { DEFAULT_DATABASE_POOL_SIZE, dataSourceOptions } from './data-source.options';

describe('dataSourceOptions pool size', () => {
  const saved = process.env.DATABASE_POOL_SIZE;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_POOL_SIZE;
    else process.env.DATABASE_POOL_SIZE = saved;
  });
  const max = () => (dataSourceOptions('postgres://x@127.0.0.1/db') as unknown as { extra: { max: number } }).extra.max;

  it('uses the documented default when DATABASE_POOL_SIZE is unset or empty', () => {
    delete process.env.DATABASE_POOL_SIZE;
    expect(max()).toBe(DEFAULT_DATABASE_POOL_SIZE);
    expect(DEFAULT_DATABASE_POOL_SIZE).toBe(20);
    process.env.DATABASE_POOL_SIZE = '';
    expect(max()).toBe(DEFAULT_DATABASE_POOL_SIZE);
  });

  it('takes DATABASE_POOL_SIZE and refuses a value that is not a positive integer', () => {
    process.env.DATABASE_POOL_SIZE = '7';
    expect(max()).toBe(7);
    for (const bad of ['0', '-3', '2.5', 'ten']) {
      process.env.DATABASE_POOL_SIZE = bad;
      expect(max).toThrow(/DATABASE_POOL_SIZE must be a positive integer/);
    }
  });
});
