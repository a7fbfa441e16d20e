import { describe, expect, it } from 'vitest';
import { checkPackageManager, detectPackageManager, nextSteps, runScript } from '../src/index.js';

describe('package managers', () => {
  it.each([
    ['npm/11.19.1 node/v20.20.2 linux x64 workspaces/false', 'npm'],
    ['pnpm/10.34.9 npm/? node/v20.20.2 linux x64', 'pnpm'],
    ['yarn/1.22.22 npm/? node/v20.20.2 linux x64', 'yarn'],
    ['bun/1.2.0 npm/? node/v22.0.0 linux x64', 'bun'],
    ['cnpm/9 node/v20', 'npm'],
    [undefined, 'npm'],
  ])('detects %s as %s', (agent, pm) => {
    expect(detectPackageManager(agent)).toBe(pm);
  });

  it('checks --package-manager', () => {
    expect(checkPackageManager('pnpm')).toBeUndefined();
    expect(checkPackageManager('pip')).toBe('"pip" is not one of npm, pnpm, yarn, bun');
  });

  it('spells scripts the way each runs them', () => {
    expect(['npm', 'pnpm', 'yarn', 'bun'].map((pm) => runScript(pm as never, 'deploy'))).toEqual(['npm run deploy', 'pnpm run deploy', 'yarn deploy', 'bun run deploy']);
    expect(['npm', 'pnpm', 'yarn', 'bun'].map((pm) => runScript(pm as never, 'test'))).toEqual(['npm test', 'pnpm test', 'yarn test', 'bun run test']);
  });

  it('lists next steps, quoting a folder with spaces', () => {
    expect(nextSteps({ directory: 'my app', packageManager: 'pnpm', installed: false })).toEqual([
      'cd "my app"',
      'pnpm install',
      'pnpm test',
      'pnpm run synth',
      'pnpm run deploy   # with AWS credentials, after `npx cdk bootstrap` once',
    ]);
    expect(nextSteps({ directory: '', packageManager: 'npm', installed: true })[0]).toBe('npm test');
  });
});
