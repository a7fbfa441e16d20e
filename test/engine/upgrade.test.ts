/**
 * The engine's upgrade over a project whose user rewrote their own file: however much the managed
 * files change, the user's file is never merged, so the upgrade has no conflict.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isManagedFile, USER_FUNCTION_FILE } from '@log-lambda/shared';
import { BASE_RECORD_PATH, runCreate, runUpgrade } from '@log-lambda/shared/engine';
import { describe, expect, it } from 'vitest';
import { hashes, tempFolder, testDoor } from '../support/engine-door.js';

const mine = `// Mine now: what this project does with each batch.\nexport async function processEvents(): Promise<void> {\n  await fetch('https://siem.example.com', { method: 'POST' });\n}\n`;

describe('an upgrade that changes every managed file, in a project whose user rewrote their own file', () => {
  it("merges with no conflict: every managed file is the new version's, the user's file stays byte for byte", async () => {
    const cwd = tempFolder();
    await runCreate(testDoor(cwd), { directory: 'my-app', flags: { 'log-group': '/app/api', yes: true, 'skip-install': true, git: false } });
    const project = path.join(cwd, 'my-app');
    const fresh = hashes(project);
    writeFileSync(path.join(project, USER_FUNCTION_FILE), mine);

    // As if an older version had generated every managed file differently (and the user kept them as generated).
    const record = JSON.parse(readFileSync(path.join(project, BASE_RECORD_PATH), 'utf8')) as { generatorVersion: string; files: Record<string, string> };
    const managed = Object.keys(record.files).filter((file) => isManagedFile(record.files[file]!));
    expect(managed.length).toBeGreaterThan(10);
    for (const file of managed) {
      const older = `${record.files[file]!.replace(/\n/, '\n// as log-lambda 0.0.1 wrote it\n')}`;
      record.files[file] = older;
      writeFileSync(path.join(project, file), older);
    }
    record.generatorVersion = '0.0.1';
    writeFileSync(path.join(project, BASE_RECORD_PATH), JSON.stringify(record));

    const door = testDoor(cwd);
    await runUpgrade(door, { directory: 'my-app', flags: { yes: true, 'skip-install': true } });
    expect(door.logged.filter((line) => line.includes('conflict'))).toEqual([]);
    expect(readFileSync(path.join(project, USER_FUNCTION_FILE), 'utf8')).toBe(mine);
    const after = hashes(project);
    for (const file of managed) expect(after[file], file).toBe(fresh[file]);
  });
});
