import type { INestApplicationContext } from '@nestjs/common';
import { PasswordHasher } from '@app/identity';

export const argon2BenchUsage =
  '  identity:argon2-bench [N]         time N (default 20) argon2id hashes and verifications with the\n' +
  '                                  configured ARGON2_* parameters (median and min, ms)\n';

/** Prints the configured argon2id parameters and measured hash/verify times (fixed inputs). */
export async function runArgon2Bench(app: INestApplicationContext, args: string[]): Promise<string> {
  const hasher = app.get(PasswordHasher);
  const n = Math.max(1, Number(args[0] ?? 20) || 20);
  await hasher.hash('warm-up');
  const hashMs: number[] = [];
  let hash = '';
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    hash = await hasher.hash(`ベンチマーク用のパスワード-${i}`);
    hashMs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const verifyMs: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await hasher.verify(hash, `違うパスワード-${i}`);
    verifyMs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  const stats = (a: number[]) => {
    const s = [...a].sort((x, y) => x - y);
    return `median ${s[Math.floor(s.length / 2)].toFixed(1)} ms, min ${s[0].toFixed(1)} ms`;
  };
  const p = hasher.parameters;
  return `argon2id m=${p.memoryKiB} KiB t=${p.timeCost} p=${p.parallelism}: hash ${stats(hashMs)}; verify ${stats(verifyMs)} (n=${n})`;
}
