import { describe, expect, it } from 'vitest';
import { isManagedFile, isUserFile, MANAGED_NOTICE, managedHeader, USER_FILES } from '../src/layout.js';

describe('which files are the user’s', () => {
  it('the list, the function, its test and the sample lines', () => {
    expect(USER_FILES).toEqual(['lib/subscriptions.ts', 'src/process.ts', 'test/process.test.ts', 'test/fixtures/log-lines.json']);
    expect(isUserFile('src/process.ts')).toBe(true);
    expect(isUserFile('src/log-lambda/handler.ts')).toBe(false);
  });
});

describe('the managed header', () => {
  it('says who manages the file and where the user’s code goes, in the comment syntax of the file', () => {
    expect(managedHeader('src/log-lambda/handler.ts')).toBe(`// ${MANAGED_NOTICE}\n`);
    expect(managedHeader('AGENTS.md')).toBe(`<!-- ${MANAGED_NOTICE} -->\n\n`);
    expect(managedHeader('.gitignore')).toBe(`# ${MANAGED_NOTICE}\n`);
    expect(MANAGED_NOTICE).toBe(
      'Managed by log-lambda: an upgrade (npm create log-lambda@latest -- --upgrade) replaces this file, merging your edits. Your code goes in src/process.ts.',
    );
  });

  it('is never put on a user’s file, the README or a JSON file', () => {
    for (const file of [...USER_FILES, 'README.md', 'package.json', 'cdk.json', 'tsconfig.json']) expect(managedHeader(file), file).toBeUndefined();
  });

  it('marks a managed file, whatever its comment syntax, and nothing else', () => {
    for (const file of ['lib/log-lambda/rules.ts', 'AGENTS.md', '.gitignore']) expect(isManagedFile(`${managedHeader(file)}rest\n`), file).toBe(true);
    expect(isManagedFile(Buffer.from(`${managedHeader('a.ts')}x`))).toBe(true);
    expect(isManagedFile('export const mine = 1;\n')).toBe(false);
    expect(isManagedFile(`\n${managedHeader('a.ts')}`)).toBe(false);
  });
});
