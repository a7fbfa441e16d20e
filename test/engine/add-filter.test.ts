/**
 * The engine's add-filter grows a project by feature: a one-log-group project holds no prefix
 * code, and the first prefix added brings the subscriber's files, pins and tests in, each file
 * exactly what a project made with both subscriptions holds.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { runAddFilter, runCreate } from '@log-lambda/shared/engine';
import { addSubscription, emptyModel, sampleLogLines } from '@log-lambda/shared';
import { describe, expect, it } from 'vitest';
import { renderProject } from '../../generators/common/render.js';
import { hashes, tempFolder, testDoor } from '../support/engine-door.js';

describe('add-filter, the first prefix', () => {
  it('brings the prefix subscriber in: its files and pins appear, every file as a project with both subscriptions has it', async () => {
    const cwd = tempFolder();
    await runCreate(testDoor(cwd), { directory: 'my-app', flags: { 'log-group': '/app/api', 'filter-pattern': 'ERROR', yes: true, 'skip-install': true, git: false } });
    const project = path.join(cwd, 'my-app');
    const prefixFiles = ['lib/log-lambda/prefix-subscriber.ts', 'src/log-lambda/subscriber.ts', 'test/log-lambda/subscriber.test.ts'];
    for (const file of prefixFiles) expect(existsSync(path.join(project, file)), file).toBe(false);
    expect(readFileSync(path.join(project, 'package.json'), 'utf8')).not.toContain('@aws-sdk/client-cloudwatch-logs');

    await runAddFilter(testDoor(project), { root: project, flags: { 'log-group-prefix': '/aws/lambda/', 'filter-pattern': 'ERROR', yes: true }, command: '--add-filter' });
    for (const file of prefixFiles) expect(existsSync(path.join(project, file)), file).toBe(true);
    expect(readFileSync(path.join(project, 'package.json'), 'utf8')).toContain('@aws-sdk/client-cloudwatch-logs');

    let both = addSubscription(emptyModel('my-app', testDoor(cwd).generatorVersion), {
      name: 'my-app-app-api',
      logGroupName: '/app/api',
      filterPattern: 'ERROR',
      createLogGroup: false,
    });
    both = addSubscription(both, { name: 'my-app-aws-lambda', logGroupNamePrefix: '/aws/lambda/', filterPattern: 'ERROR' });
    const expected = renderProject(both, { 'my-app-app-api': sampleLogLines('ERROR'), 'my-app-aws-lambda': sampleLogLines('ERROR') });
    const actual = hashes(project);
    // The user's two lists are edited in place (their bytes kept), .yo-rc.json and the base record are the engine's.
    const own = new Set(['lib/subscriptions.ts', 'test/fixtures/log-lines.json', '.yo-rc.json', '.log-lambda/base.json']);
    const differing = [...expected].filter(([file, contents]) => !own.has(file) && actual[file] !== contents.toString('hex')).map(([file]) => file);
    expect(differing).toEqual([]);
  });
});
