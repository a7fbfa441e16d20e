/** What an upgrade decides for each file, from base (old output), ours (the project) and theirs (new output). */
import { describe, expect, it } from 'vitest';
import { shippedModuleHeader } from '../../src/shipped-modules.js';
import { parseBaseRecord, serializeBaseRecord } from '../../src/upgrade/base-record.js';
import { changesFiles, conflictedFiles, planUpgrade, type FileChange } from '../../src/upgrade/plan.js';
import { countChanges, describeChanges } from '../../src/upgrade/report.js';

const versions = { from: '0.1.0', to: '0.2.0' };
const files = (entries: Record<string, string | null>) => new Map(Object.entries(entries).map(([file, text]) => [file, text === null ? null : Buffer.from(text, 'utf8')] as const));
const set = (entries: Record<string, string>) => files(entries) as Map<string, Buffer>;

function plan(base: Record<string, string>, ours: Record<string, string | null>, theirs: Record<string, string>) {
  return planUpgrade({ base: set(base), ours: files(ours), theirs: set(theirs) }, versions);
}
function only(change: FileChange[]): { path: string; action: string; text?: string } {
  expect(change).toHaveLength(1);
  const [{ path, action, contents }] = change as [FileChange];
  return { path, action, ...(contents && { text: contents.toString('utf8') }) };
}

const stack = 'import a;\n\nexport class Stack {\n  one = 1;\n\n  two = 2;\n}\n';

describe('planUpgrade: one file', () => {
  it('a file the user never touched becomes the new one, byte for byte', () => {
    const theirs = stack.replace('two = 2', 'two = 22');
    expect(only(plan({ 'lib/stack.ts': stack }, { 'lib/stack.ts': stack }, { 'lib/stack.ts': theirs }).changes)).toEqual({ path: 'lib/stack.ts', action: 'updated', text: theirs });
  });

  it('leaves alone a file the new version did not change (the user may have)', () => {
    const mine = stack.replace('one = 1', 'one = 100');
    expect(plan({ 'a.ts': stack }, { 'a.ts': mine }, { 'a.ts': stack })).toEqual({ changes: [], unchanged: 1 });
  });

  it('merges a file both changed in different places', () => {
    const mine = stack.replace('one = 1', 'one = 100');
    const theirs = stack.replace('two = 2', 'two = 22');
    expect(only(plan({ 'a.ts': stack }, { 'a.ts': mine }, { 'a.ts': theirs }).changes)).toEqual({
      path: 'a.ts',
      action: 'merged',
      text: stack.replace('one = 1', 'one = 100').replace('two = 2', 'two = 22'),
    });
  });

  it('writes conflict markers where both changed the same line, and lists the file', () => {
    const result = plan({ 'a.ts': stack }, { 'a.ts': stack.replace('two = 2', 'two = 3') }, { 'a.ts': stack.replace('two = 2', 'two = 4') });
    expect(result.changes).toEqual([expect.objectContaining({ path: 'a.ts', action: 'conflicted', conflicts: 1 })]);
    expect(result.changes[0]!.contents!.toString()).toContain(
      '<<<<<<< your version\n  two = 3;\n||||||| log-lambda 0.1.0\n  two = 2;\n=======\n  two = 4;\n>>>>>>> log-lambda 0.2.0\n',
    );
    expect(conflictedFiles(result)).toEqual(['a.ts']);
  });

  it('removes a file the new version no longer generates when the user never changed it; keeps and lists it otherwise', () => {
    expect(only(plan({ 'old.ts': stack }, { 'old.ts': stack }, {}).changes)).toEqual({ path: 'old.ts', action: 'removed' });
    expect(plan({ 'old.ts': stack }, { 'old.ts': `${stack}// mine\n` }, {}).changes).toEqual([
      { path: 'old.ts', action: 'kept', why: 'log-lambda 0.2.0 no longer generates it, and you changed it' },
    ]);
    expect(plan({ 'old.ts': stack }, {}, {})).toEqual({ changes: [], unchanged: 1 });
  });

  it('adds a new file; one the user made of the same name is merged against nothing', () => {
    expect(only(plan({}, {}, { 'lib/settings.ts': 'new\n' }).changes)).toEqual({ path: 'lib/settings.ts', action: 'added', text: 'new\n' });
    expect(plan({}, { 'lib/settings.ts': 'new\n' }, { 'lib/settings.ts': 'new\n' }).changes).toEqual([]);
    const clash = plan({}, { 'lib/settings.ts': 'mine\n' }, { 'lib/settings.ts': 'new\n' }).changes;
    expect(clash).toEqual([expect.objectContaining({ action: 'conflicted', why: 'log-lambda 0.2.0 adds a file of that name, and you have one' })]);
  });

  it('a file the user deleted stays deleted, unless the new version changed it (then it is back, as a conflict)', () => {
    expect(plan({ 'test/x.test.ts': stack }, {}, { 'test/x.test.ts': stack }).changes).toEqual([]);
    const back = plan({ 'test/x.test.ts': stack }, {}, { 'test/x.test.ts': `${stack}// new\n` }).changes;
    expect(back).toEqual([
      expect.objectContaining({ path: 'test/x.test.ts', action: 'conflicted', why: expect.stringMatching(/^you deleted it and log-lambda 0.2.0 changed it/) }),
    ]);
    expect(back[0]!.contents!.toString()).toBe(`${stack}// new\n`);
  });

  it('replaces shipped modules outright, edited or not, and removes those no longer shipped', () => {
    const shipped = (body: string) => `${shippedModuleHeader('filter-pattern/match.ts')}${body}`;
    const result = plan(
      {},
      { 'local/filter-pattern/match.ts': shipped('old;\n// my hack\n'), 'local/filter-pattern/gone.ts': shipped('gone;\n'), 'local/invoke.ts': 'mine\n' },
      { 'local/filter-pattern/match.ts': shipped('new;\n'), 'local/filter-pattern/added.ts': shipped('added;\n') },
    );
    expect(result.changes.map(({ path, action }) => [path, action])).toEqual([
      ['local/filter-pattern/added.ts', 'added'],
      ['local/filter-pattern/gone.ts', 'removed'],
      ['local/filter-pattern/match.ts', 'replaced'],
    ]);
  });

  it('leaves alone a link or folder where a file goes', () => {
    expect(plan({ 'a.ts': stack }, { 'a.ts': null }, { 'a.ts': `${stack}x\n` }).changes).toEqual([
      { path: 'a.ts', action: 'kept', why: 'not a regular file (a link or a folder): left alone' },
    ]);
  });

  it("binary: both changed keeps the user's bytes and says so", () => {
    const change = planUpgrade(
      { base: new Map([['logo.png', Buffer.from([0, 1, 2])]]), ours: new Map([['logo.png', Buffer.from([0, 1, 3])]]), theirs: new Map([['logo.png', Buffer.from([0, 1, 4])]]) },
      versions,
    ).changes;
    expect(change).toEqual([expect.objectContaining({ action: 'conflicted', contents: Buffer.from([0, 1, 3]), why: expect.stringMatching(/^a binary file/) })]);
  });

  it('an untouched file checked out with CRLF becomes the new one, in CRLF', () => {
    const theirs = stack.replace('two = 2', 'two = 22');
    expect(only(plan({ 'a.ts': stack }, { 'a.ts': stack.replace(/\n/g, '\r\n') }, { 'a.ts': theirs }).changes)).toEqual({
      path: 'a.ts',
      action: 'updated',
      text: theirs.replace(/\n/g, '\r\n'),
    });
  });
});

describe('planUpgrade: files derived from the subscriptions', () => {
  const header = (comment: string) => `// ${comment}\nexport interface Subscription { readonly name: string }\n\n`;
  const array = (...names: string[]) => `export const subscriptions: readonly Subscription[] = [\n${names.map((name) => `  { name: "${name}" },\n`).join('')}];\n`;

  it("lib/subscriptions.ts: the new code around the user's list, which stays as they wrote it", () => {
    const base = header('old comment') + array('a');
    const ours = header('old comment') + array('a', 'b').replace('  { name: "b" },', '  // added by hand\n  { name: "b" },');
    const theirs = header('new comment') + array('a', 'b');
    const text = only(plan({ 'lib/subscriptions.ts': base }, { 'lib/subscriptions.ts': ours }, { 'lib/subscriptions.ts': theirs }).changes).text;
    expect(text).toBe(header('new comment') + array('a', 'b').replace('  { name: "b" },', '  // added by hand\n  { name: "b" },'));
  });

  it("README.md: the managed region rendered again, the user's own sections kept", () => {
    const region = (rows: string) => `<!-- log-lambda:subscriptions:start (rewritten by yo log-lambda:filter) -->\n${rows}<!-- log-lambda:subscriptions:end -->\n`;
    const base = `# app\n\n${region('| a |\n')}\n## Deploy\n\nold words\n`;
    const ours = `# app\n\nMy own intro.\n\n${region('| a |\n| b |\n')}\n## Deploy\n\nold words\n`;
    const theirs = `# app\n\n${region('| a | x |\n| b | y |\n')}\n## Deploy\n\nnew words\n`;
    expect(only(plan({ 'README.md': base }, { 'README.md': ours }, { 'README.md': theirs }).changes)).toEqual({
      path: 'README.md',
      action: 'merged',
      text: `# app\n\nMy own intro.\n\n${region('| a | x |\n| b | y |\n')}\n## Deploy\n\nnew words\n`,
    });
  });

  it("package.json: merged as JSON (new pins, the user's scripts and dependencies), formatted like the user's", () => {
    const base = '{\n  "name": "app",\n  "scripts": { "test": "vitest run" },\n  "dependencies": { "aws-cdk-lib": "2.270.0" }\n}\n';
    const ours = '{\n    "name": "app",\n    "scripts": { "test": "vitest run", "lint": "eslint ." },\n    "dependencies": { "aws-cdk-lib": "2.270.0", "zod": "4.0.0" }\n}\n';
    const theirs = '{\n  "name": "app",\n  "scripts": { "test": "vitest run", "invoke": "tsx local/invoke.ts" },\n  "dependencies": { "aws-cdk-lib": "2.276.0" }\n}\n';
    const change = plan({ 'package.json': base }, { 'package.json': ours }, { 'package.json': theirs }).changes[0]!;
    expect(change.action).toBe('merged');
    expect(JSON.parse(change.contents!.toString())).toEqual({
      name: 'app',
      scripts: { test: 'vitest run', invoke: 'tsx local/invoke.ts', lint: 'eslint .' },
      dependencies: { 'aws-cdk-lib': '2.276.0', zod: '4.0.0' },
    });
    expect(change.contents!.toString()).toMatch(/^\{\n {4}"name"/);
  });

  it('another JSON file with a true clash falls back to the line merge, with markers', () => {
    const base = '{\n  "a": 1,\n  "b": 2\n}\n';
    const change = plan({ 'cdk.json': base }, { 'cdk.json': base.replace('"a": 1', '"a": 10') }, { 'cdk.json': base.replace('"a": 1', '"a": 11') }).changes[0]!;
    expect(change).toMatchObject({ action: 'conflicted', conflicts: 1 });
    // Different keys merge as JSON, even where the lines touch.
    const merged = plan(
      { 'cdk.json': base },
      { 'cdk.json': base.replace('"b": 2', '"b": 2,\n  "mine": true') },
      { 'cdk.json': base.replace('"b": 2', '"b": 2,\n  "theirs": true') },
    ).changes[0]!;
    expect(merged.action).toBe('merged');
    expect(JSON.parse(merged.contents!.toString())).toEqual({ a: 1, b: 2, theirs: true, mine: true });
  });
});

describe('the report', () => {
  it('one line per file, grouped by action, with the counts', () => {
    const result = plan(
      { 'a.ts': stack, 'b.ts': stack, 'gone.ts': stack, 'same.ts': stack },
      { 'a.ts': stack, 'b.ts': stack.replace('two = 2', 'two = 3'), 'gone.ts': stack, 'same.ts': stack },
      { 'a.ts': `${stack}//\n`, 'b.ts': stack.replace('two = 2', 'two = 4'), 'new.ts': 'x\n', 'same.ts': stack },
    );
    expect(describeChanges(result)).toEqual(['  added       new.ts', '  updated     a.ts', '  conflicted  b.ts (1 conflict)', '  removed     gone.ts']);
    expect(countChanges(result, { done: false })).toBe('4 files to change (1 with conflicts), 1 unchanged');
    expect(changesFiles(result)).toBe(true);
  });
});

describe('the base record', () => {
  it('round-trips text and binary files, in path order', () => {
    const record = serializeBaseRecord(
      '0.2.0',
      new Map([
        ['z.ts', Buffer.from('z\n')],
        ['a/b.json', Buffer.from('{}\n')],
        ['logo.png', Buffer.from([0, 159, 1])],
      ]),
    );
    const parsed = parseBaseRecord(record);
    expect(parsed).toEqual({
      generatorVersion: '0.2.0',
      files: new Map([
        ['a/b.json', Buffer.from('{}\n')],
        ['logo.png', Buffer.from([0, 159, 1])],
        ['z.ts', Buffer.from('z\n')],
      ]),
    });
    expect(Object.keys(JSON.parse(record).files)).toEqual(['a/b.json', 'logo.png', 'z.ts']);
  });

  it('says what is wrong with a damaged one', () => {
    expect(parseBaseRecord('{')).toBe('is not JSON');
    expect(parseBaseRecord('{"files":{}}')).toBe('has no generatorVersion');
    expect(parseBaseRecord('{"generatorVersion":"0.2.0","files":{"a":1}}')).toBe('has an entry for a that is neither text nor { "base64": … }');
  });
});
