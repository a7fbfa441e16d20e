/**
 * Every file a generated project holds passes `prettier --check` with the configuration it ships
 * (package.json's `prettier`), for every feature set and at the extremes of every value: a user's
 * first `npm run format` changes nothing, and a later upgrade's merge is not a reformatting.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { projectPrettierConfig } from '@log-lambda/shared';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { extremeSets, featureSets, renderFeatureSet } from './feature-sets.js';

function filesUnder(root: string, dir = ''): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = path.posix.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(root, file) : [file];
  });
}

/** The files of `folder` Prettier would check and does not find formatted, each with Prettier's version of it. */
async function unformatted(folder: string): Promise<Array<{ file: string; expected: string }>> {
  const found = [];
  for (const file of filesUnder(folder)) {
    const filepath = path.join(folder, file);
    const info = await prettier.getFileInfo(filepath, { ignorePath: [path.join(folder, '.gitignore'), path.join(folder, '.prettierignore')] });
    if (info.ignored || info.inferredParser === null) continue;
    const options = await prettier.resolveConfig(filepath, { editorconfig: false });
    const text = readFileSync(filepath, 'utf8');
    const expected = await prettier.format(text, { ...options, filepath });
    if (expected !== text) found.push({ file, expected });
  }
  return found;
}

describe('the generated files, with the Prettier configuration the project ships', () => {
  it("ship the repository's own options", () => {
    const own = JSON.parse(readFileSync(new URL('../../.prettierrc.json', import.meta.url), 'utf8')) as object;
    const { overrides, ...options } = projectPrettierConfig;
    expect(options).toEqual(own);
    expect(overrides).toHaveLength(1);
  });

  for (const name of [...Object.keys(featureSets), ...Object.keys(extremeSets)]) {
    it(`pass prettier --check: ${name}`, { timeout: 60_000 }, async () => {
      const folder = renderFeatureSet(name);
      const config = (JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as { prettier: unknown }).prettier;
      expect(config).toEqual(projectPrettierConfig);
      expect((await unformatted(folder)).map(({ file }) => file)).toEqual([]);
      // What install writes beside them: pnpm's lock file is left alone, npm's is formatted as npm writes it.
      const ignorePath = [path.join(folder, '.gitignore'), path.join(folder, '.prettierignore')];
      expect((await prettier.getFileInfo(path.join(folder, 'pnpm-lock.yaml'), { ignorePath })).ignored).toBe(true);
      expect((await prettier.getFileInfo(path.join(folder, 'package-lock.json'), { ignorePath })).inferredParser).toBe('json-stringify');
    });
  }
});
