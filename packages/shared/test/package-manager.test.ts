import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cdCommand, checkPackageManager, detectPackageManager, nextSteps, packageManagerOfLockFile, runScript, shellArg, shellFor } from '../src/index.js';

describe('packageManagerOfLockFile', () => {
  it('names the package manager whose lock file is there', () => {
    expect(packageManagerOfLockFile(['package.json', 'pnpm-lock.yaml'])).toBe('pnpm');
    expect(packageManagerOfLockFile(['package-lock.json'])).toBe('npm');
    expect(packageManagerOfLockFile(['yarn.lock'])).toBe('yarn');
    expect(packageManagerOfLockFile(['bun.lock'])).toBe('bun');
    expect(packageManagerOfLockFile(['package.json'])).toBeUndefined();
  });
});

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
      "cd 'my app'",
      'pnpm install',
      'pnpm test',
      'pnpm run synth',
      'pnpm run deploy   # with AWS credentials, after `npx cdk bootstrap` once',
    ]);
    expect(nextSteps({ directory: '', packageManager: 'npm', installed: true })[0]).toBe('npm test');
  });

  it.each(['d$(touch PWNED)', 'e;touch PWNED', 'f&touch PWNED', "g'$(touch PWNED)'", 'h`touch PWNED`', '-i', 'j\nk', 'ü ñ'])(
    'prints a cd that a POSIX shell runs as nothing but itself, for a folder named %j',
    (name) => {
      const root = mkdtempSync(path.join(tmpdir(), 'cd-'));
      mkdirSync(path.join(root, name));
      const [cd] = nextSteps({ directory: name, packageManager: 'npm', installed: true, shell: 'posix' });
      const shell = spawnSync('sh', ['-c', `${cd} && pwd`], { cwd: root, encoding: 'utf8' });
      expect(shell.stdout.trim()).toBe(path.join(realpathSync(root), name));
      expect(readdirSync(root)).toEqual([name]); // no PWNED
      expect(readdirSync(path.join(root, name))).toEqual([]);
    },
  );

  it('quotes for PowerShell on Windows: single quotes, a quote doubled', () => {
    expect(cdCommand("it's $(x)", 'powershell')).toBe("cd 'it''s $(x)'");
    expect(cdCommand('-x', 'powershell')).toBe('cd ./-x');
    expect(shellArg('@x', 'powershell')).toBe("'@x'");
    expect(cdCommand('plain', 'powershell')).toBe('cd plain');
    expect(shellFor('win32')).toBe('powershell');
    expect(shellFor('linux')).toBe('posix');
  });
});
