// Integration and e2e files start Nest apps, databases and browsers in their hooks; on a busy
// 2-core machine that can take longer than jest's default 5 s. Tests that need more set their own.
jest.setTimeout(30_000);
