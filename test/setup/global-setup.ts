// jest's globalSetup runs outside the module mapper, so path aliases are registered by hand here.
import { register } from 'tsconfig-paths';

register({
  baseUrl: `${__dirname}/../..`,
  paths: { '@app/platform/*': ['libs/platform/*/src'], '@app/*': ['libs/*/src'] },
});

export default async function globalSetup(): Promise<void> {
  // One template per run (workers inherit this variable), dropped again by the global teardown.
  process.env.KAKAWARI_TEST_TEMPLATE = `kakawari_tpl_${process.pid}_${Date.now().toString(36)}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildTemplate } = require('./build-template') as typeof import('./build-template');
  await buildTemplate();
}
