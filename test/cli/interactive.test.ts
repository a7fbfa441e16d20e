/** create-log-lambda in a terminal: it asks, with the generator's questions and checks, for what the flags did not give. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appQuestions } from '@log-lambda/shared';
import { describe, expect, it } from 'vitest';
import { createBin, tempFolders, tree, userEnv } from '../support/create-cli.js';
import { settingsOf, subscriptionsIn } from '../support/project.js';
import { inTerminal } from '../support/terminal.js';

const tempFolder = tempFolders('create-tty');
const backspace = '\u007f';
const prompt = (flag: string) => `? ${appQuestions.find((q) => q.flag === flag)!.message}`;
const createInTerminal = (args: string[], exchanges: Array<[string, string]>, cwd: string) =>
  inTerminal([process.execPath, createBin, ...args, '--skip-install', '--no-git'], exchanges, { cwd, env: userEnv() });

describe('create-log-lambda in a terminal', { timeout: 30_000 }, () => {
  it('asks each question the flags did not answer, checks the answer, and asks again', async () => {
    const cwd = tempFolder();
    const typed: Record<string, string> = { 'log-group': 'bad group\r', 'filter-pattern': 'ERROR\r', 'create-log-group': 'y\r' };
    const exchanges = appQuestions
      .filter((q) => q.flag !== 'filter-name' && q.prompt !== false) // given as a flag below; or never asked
      .flatMap((q): Array<[string, string]> => [
        [prompt(q.flag), typed[q.flag] ?? '\r'], // Enter takes the default
        ...(q.flag === 'log-group' ? [['contains a space', `${backspace.repeat('bad group'.length)}/aws/lambda/orders\r`] as [string, string]] : []),
      ]);
    const { screen, code } = await createInTerminal(['orders', '--filter-name', 'orders-errors'], exchanges, cwd);
    expect(code, screen).toBe(0);
    expect(screen).not.toContain(prompt('filter-name'));
    expect(screen).toContain('Done. Now run:');
    expect(settingsOf(path.join(cwd, 'orders'))['projectName']).toBe('orders');
    expect(subscriptionsIn(path.join(cwd, 'orders'))).toEqual([
      expect.objectContaining({ name: 'orders-errors', logGroupName: '/aws/lambda/orders', filterPattern: 'ERROR', createLogGroup: true }),
    ]);
  });

  it('takes a log group ending in * as a prefix: every log group under it, now and later', async () => {
    const cwd = tempFolder();
    const answered: Array<[string, string]> = [
      [prompt('log-group'), '/aws/lambda/*\r'],
      [prompt('filter-pattern'), 'ERROR\r'],
      [prompt('filter-name'), '\r'],
      [prompt('sample-log-line'), '\r'],
      [prompt('alarm-email'), '\r'],
    ];
    const { screen, code } = await createInTerminal(['lambdas', '--project-name', 'lambdas'], answered, cwd);
    expect(code, screen).toBe(0);
    expect(screen).not.toContain(prompt('create-log-group')); // only a log group named in full can be created
    expect(subscriptionsIn(path.join(cwd, 'lambdas'))).toEqual([{ name: 'lambdas-aws-lambda', logGroupNamePrefix: '/aws/lambda/', filterPattern: 'ERROR' }]);
  });

  it('asks nothing with --yes', async () => {
    const cwd = tempFolder();
    const { screen, code } = await createInTerminal(['quiet', '--log-group', '/a', '--yes'], [], cwd);
    expect(code, screen).toBe(0);
    expect(screen).not.toContain('? ');
    expect(existsSync(path.join(cwd, 'quiet/.yo-rc.json'))).toBe(true);
  });

  it('stops at Ctrl-C with one line, having created nothing', async () => {
    const cwd = tempFolder();
    const { screen, code } = await createInTerminal(['never'], [[prompt('project-name'), '\u0003']], cwd);
    expect(code).toBe(130);
    expect(screen.trim().split('\n').at(-1)).toBe('Cancelled.');
    expect(tree(cwd)).toEqual({});
  });
});

describe("create-log-lambda --force in a terminal, in a folder with files of the user's", { timeout: 30_000 }, () => {
  function userFolder(): string {
    const cwd = tempFolder();
    mkdirSync(path.join(cwd, 'mine'));
    writeFileSync(path.join(cwd, 'mine/README.md'), '# mine\n');
    writeFileSync(path.join(cwd, 'mine/notes.txt'), 'notes\n');
    return cwd;
  }
  const args = [
    'mine',
    '--log-group',
    '/a',
    '--filter-pattern=',
    '--filter-name',
    'f',
    '--no-create-log-group',
    '--force',
    '--project-name',
    'mine',
    '--sample-log-line',
    'x',
    '--alarm-email=',
  ];

  it("asks before replacing a file (Yeoman's overwrite / skip / diff / abort), and keeps it when told no", async () => {
    const cwd = userFolder();
    const { screen, code } = await createInTerminal(
      args,
      [
        ['Overwrite README.md?', 'd\r'],
        ['# mine', 'n\r'],
      ],
      cwd,
    );
    expect(code, screen).toBe(0);
    expect(screen).toContain('removed'); // the diff it showed
    expect(readFileSync(path.join(cwd, 'mine/README.md'), 'utf8')).toBe('# mine\n');
    expect(existsSync(path.join(cwd, 'mine/lib/mine-stack.ts'))).toBe(true);
  });

  it('abort stops before anything is written', async () => {
    const cwd = userFolder();
    const before = tree(cwd);
    const { screen, code } = await createInTerminal(args, [['Overwrite README.md?', 'x\r']], cwd);
    expect(code, screen).toBe(1);
    expect(tree(cwd)).toEqual(before);
  });
});
