/**
 * Every feature set the templates render type-checks, in the unit tier, before any install: the
 * project's own tsconfig and compiler, against the pins a project installs (packages/project-types
 * holds them, and must hold exactly them).
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prefixDevDependencies, projectDependencies, projectDevDependencies } from '@log-lambda/shared';
import { describe, expect, it } from 'vitest';
import { featureSets, renderedRoot, renderFeatureSet } from './feature-sets.js';

const projectTypes = fileURLToPath(new URL('../../packages/project-types/', import.meta.url));
const tsc = path.join(projectTypes, 'node_modules/typescript/bin/tsc');

function typecheck(project: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: path.dirname(project) });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

describe('the rendered projects', () => {
  it('are type-checked against exactly the pins a generated project installs', () => {
    const installed = (JSON.parse(readFileSync(path.join(projectTypes, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies;
    expect(installed).toEqual({ ...projectDependencies, ...projectDevDependencies, ...prefixDevDependencies });
  });

  // One tsc over every set, with each set's own compiler options: aws-cdk-lib's declarations are
  // read once, not once per set. An error names its file, under the set's folder.
  it(`pass tsc --noEmit with the project's tsconfig: ${Object.keys(featureSets).join(', ')}`, { timeout: 180_000 }, async () => {
    const names = Object.keys(featureSets);
    const folders = names.map(renderFeatureSet);
    const own = JSON.parse(readFileSync(path.join(folders[0]!, 'tsconfig.json'), 'utf8')) as { compilerOptions: object; include: string[] };
    const combined = path.join(renderedRoot, 'tsconfig.json');
    writeFileSync(
      combined,
      JSON.stringify({
        compilerOptions: own.compilerOptions,
        include: names.flatMap((name) => own.include.map((part) => `${name}/${part}`)),
        exclude: ['**/node_modules', '**/cdk.out'],
      }),
    );
    for (const folder of folders) expect(readFileSync(path.join(folder, 'tsconfig.json'), 'utf8'), folder).toBe(readFileSync(path.join(folders[0]!, 'tsconfig.json'), 'utf8'));
    const { code, output } = await typecheck(combined);
    expect(output).toBe('');
    expect(code).toBe(0);
  });
});
