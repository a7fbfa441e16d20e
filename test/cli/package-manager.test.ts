/** The package manager: the one that ran `create` (npm_config_user_agent), or --package-manager. */
import path from 'node:path';
import { runScript, type PackageManager } from '@log-lambda/shared';
import { describe, expect, it } from 'vitest';
import { create, fakePackageManagers, tempFolders } from '../support/create-cli.js';

const tempFolder = tempFolders('create-pm');

const userAgents = {
  npm: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
  pnpm: 'pnpm/10.34.9 npm/? node/v20.20.2 linux x64',
  yarn: 'yarn/1.22.22 npm/? node/v20.20.2 linux x64',
  bun: 'bun/1.2.0 npm/? node/v20.20.2 linux x64',
};

describe('the package manager', { timeout: 30_000 }, () => {
  it.each(Object.entries(userAgents))('is %s when %s ran create-log-lambda: it installs, and the next steps use it', (pm, userAgent) => {
    const cwd = tempFolder();
    const fake = fakePackageManagers(cwd);
    const { stderr } = create(['my-app', '--log-group', '/a', '--yes', '--no-git'], cwd, { npm_config_user_agent: userAgent, PATH: fake.path });
    expect(fake.calls()).toEqual([`${pm} install in ${path.join(cwd, 'my-app')}`]);
    expect(stderr).toContain(`Installing dependencies with ${pm}...`);
    expect(stderr).toContain(`Done. Now run:\n\n  cd my-app\n  ${runScript(pm as PackageManager, 'test')}\n`);
  });

  it('is npm when nothing says otherwise', () => {
    const cwd = tempFolder();
    const { stderr } = create(['my-app', '--log-group', '/a', '--yes', '--skip-install', '--no-git'], cwd);
    expect(stderr).toContain('  npm install\n  npm test\n  npm run synth\n');
  });

  it('is the one --package-manager names, whatever ran create-log-lambda', () => {
    const cwd = tempFolder();
    const fake = fakePackageManagers(cwd);
    const { stderr } = create(['my-app', '--log-group', '/a', '--yes', '--no-git', '--package-manager', 'yarn'], cwd, {
      npm_config_user_agent: userAgents.pnpm,
      PATH: fake.path,
    });
    expect(fake.calls()).toEqual([`yarn install in ${path.join(cwd, 'my-app')}`]);
    expect(stderr).toContain('  cd my-app\n  yarn test\n  yarn synth\n');
  });
});
