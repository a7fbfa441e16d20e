import { describe, expect, it } from 'vitest';
import { appendSubscription, readSubscriptionsSource, withSubscriptionsArrayOf, type SubscriptionsSource } from '../src/subscriptions-source.js';

const added = { name: 'new-filter', logGroupName: '/app/new', filterPattern: '{ $.level = "ERROR" }', createLogGroup: false };

/** What the generator wrote (the app template's shape). */
const generated = `// The subscription filters of this project.
import type { Subscription } from './subscription.js';

export const subscriptions: readonly Subscription[] = [
  {
    name: "my-app-aws-lambda-versions",
    logGroupName: "/aws/lambda/versions",
    filterPattern: "",
    createLogGroup: false,
  },
];
`;

function read(text: string): SubscriptionsSource {
  const source = readSubscriptionsSource(text);
  if (typeof source === 'string') throw new Error(source);
  return source;
}

/** Evaluates the array as TypeScript would: the spliced text must still be a valid module with the entry in it. */
function names(text: string): string[] {
  return read(text).subscriptions.map((s) => s.name);
}

describe('readSubscriptionsSource', () => {
  it('reads the entries the generator wrote', () => {
    expect(read(generated).subscriptions).toEqual([{ name: 'my-app-aws-lambda-versions', logGroupName: '/aws/lambda/versions', filterPattern: '', createLogGroup: false }]);
  });

  it('reads hand-written entries in any style: single quotes, templates, `as const`, satisfies, comments', () => {
    const text = `export const subscriptions = [
      // prod errors
      { name: 'a', logGroupName: '/g/a', filterPattern: \`ERROR\`, createLogGroup: true }, /* b next */
      { 'name': "b", "logGroupName": '/g/b', filterPattern: '', createLogGroup: false } as Subscription,
    ] as const satisfies readonly Subscription[];`;
    expect(names(text)).toEqual(['a', 'b']);
    expect(read(text).subscriptions[0]).toEqual({ name: 'a', logGroupName: '/g/a', filterPattern: 'ERROR', createLogGroup: true });
  });

  it('keeps entries it cannot read as opaque, with their line, and reads what it can of them', () => {
    const text = `const base = { logGroupName: '/g', filterPattern: '', createLogGroup: false };
export const subscriptions = [
  { ...base, name: 'spread' },
  makeOne('x'),
  { name: \`t-\${env}\`, logGroupName: '/g', filterPattern: '', createLogGroup: false },
];`;
    const { entries, subscriptions } = read(text);
    expect(subscriptions).toEqual([]);
    expect(entries).toEqual([
      { line: 3, opaque: true, name: 'spread' },
      { line: 4, opaque: true },
      { line: 5, opaque: true, logGroupName: '/g', filterPattern: '', createLogGroup: false },
    ]);
  });

  it.each([
    ['no such export', 'export const other = [];', /has no exported array literal named `subscriptions`/],
    ['not exported', 'const subscriptions = [];', /does not export it/],
    ['not an array literal', 'export const subscriptions = load();', /not as an array literal \(it is CallExpression\)/],
    ['declared without a value', 'export let subscriptions;', /declared without a value/],
  ])('says what it looked for when the array is %s', (_, text, message) => {
    expect(readSubscriptionsSource(text)).toMatch(message);
  });
});

describe('appendSubscription', () => {
  it('appends after the last entry in the same layout, changing no other byte', () => {
    const result = appendSubscription(generated, added);
    expect(result).toBe(`${generated.slice(0, generated.lastIndexOf('];'))}  {
    name: "new-filter",
    logGroupName: "/app/new",
    filterPattern: "{ $.level = \\"ERROR\\" }",
    createLogGroup: false,
  },
];
`);
    expect(names(result)).toEqual(['my-app-aws-lambda-versions', 'new-filter']);
  });

  it('keeps CRLF line endings, comments, a hand entry and the user’s formatting', () => {
    const mine = [
      '// my comment at the top',
      'export const subscriptions: readonly Subscription[] = [',
      "    { name: 'first', logGroupName: '/g/1', filterPattern: '', createLogGroup: false }, // the first",
      '    // a hand-added one:',
      "    { name: 'hand', logGroupName: '/g/2', filterPattern: 'x', createLogGroup: false } // no comma",
      '];',
      '',
    ].join('\r\n');
    const result = appendSubscription(mine, added);
    expect(result.replace(/\r\n/g, '')).not.toContain('\n'); // every line break is still CRLF
    expect(result.startsWith(mine.slice(0, mine.indexOf('// no comma') - 1))).toBe(true);
    expect(result).toContain("createLogGroup: false }, // no comma\r\n    { name: 'new-filter', logGroupName: '/app/new',");
    expect(result).toContain(`filterPattern: '{ $.level = "ERROR" }',`);
    expect(names(result)).toEqual(['first', 'hand', 'new-filter']);
  });

  it('keeps a one-line array on one line', () => {
    const result = appendSubscription("export const subscriptions = [{ name: 'a', logGroupName: '/g', filterPattern: '', createLogGroup: false }];", added);
    expect(result.split('\n')).toHaveLength(1);
    expect(names(result)).toEqual(['a', 'new-filter']);
  });

  it('fills an empty array, keeping a comment inside it', () => {
    const result = appendSubscription('export const subscriptions = [\n  // none yet\n];\n', added);
    expect(result).toContain("// none yet\n  {\n    name: 'new-filter',");
    expect(names(result)).toEqual(['new-filter']);
    expect(names(appendSubscription('export const subscriptions = [];', added))).toEqual(['new-filter']);
  });

  it('writes any name or pattern as an exact literal, in either quote style', () => {
    const tricky = { ...added, name: `it's "quoted" \\ \u2028 \${x}`, filterPattern: '\'"`' };
    for (const quote of ['"', "'"]) {
      const text = `export const subscriptions = [\n  { name: ${quote}a${quote}, logGroupName: '/g', filterPattern: '', createLogGroup: false },\n];\n`;
      const entry = read(appendSubscription(text, tricky)).subscriptions[1];
      expect(entry).toEqual(tricky);
    }
  });
});

describe('entries of every kind: by name, by prefix, the account', () => {
  const prefix = { name: 'lambdas', logGroupNamePrefix: '/aws/lambda/', filterPattern: 'ERROR' };
  const account = { name: 'everything', accountPolicy: true as const, filterPattern: '' };

  it('appends a prefix entry and an account entry in the layout of the others, and reads them back', () => {
    const withPrefix = appendSubscription(generated, prefix);
    expect(withPrefix).toBe(generated.replace('];\n', '  {\n    name: "lambdas",\n    logGroupNamePrefix: "/aws/lambda/",\n    filterPattern: "ERROR",\n  },\n];\n'));
    const both = appendSubscription(withPrefix, account);
    expect(read(both).subscriptions).toEqual([read(generated).subscriptions[0], prefix, account]);
  });

  it('reads an entry with two kinds, or an account entry that is not `true`, as no subscription', () => {
    const text = `export const subscriptions = [
  { name: 'both', logGroupName: '/a', logGroupNamePrefix: '/a', filterPattern: '', createLogGroup: false },
  { name: 'off', accountPolicy: false, filterPattern: '' },
  { name: 'p', logGroupNamePrefix: '/p/', filterPattern: '' },
];`;
    expect(read(text).subscriptions).toEqual([{ name: 'p', logGroupNamePrefix: '/p/', filterPattern: '' }]);
    expect(read(text).entries.map((e) => e.opaque)).toEqual([false, false, false]);
  });
});

describe('withSubscriptionsArrayOf', () => {
  it("puts the user's array, byte for byte, into another version of the file", () => {
    const mine = "// my header\nexport const subscriptions = [\n  // by hand\n  { name: 'a', logGroupName: '/g', filterPattern: '', createLogGroup: false },\n] as const;\n";
    const other = '// new header\nexport interface X {}\nexport const subscriptions: readonly X[] = [\n  {\n    name: "b",\n  },\n];\n// footer\n';
    expect(withSubscriptionsArrayOf(other, mine)).toBe(
      "// new header\nexport interface X {}\nexport const subscriptions: readonly X[] = [\n  // by hand\n  { name: 'a', logGroupName: '/g', filterPattern: '', createLogGroup: false },\n];\n// footer\n",
    );
  });

  it("takes the target's line endings, and gives undefined when either has no array", () => {
    expect(withSubscriptionsArrayOf('export const subscriptions = [];\r\n', 'export const subscriptions = [\n  1,\n];\n')).toBe('export const subscriptions = [\r\n  1,\r\n];\r\n');
    expect(withSubscriptionsArrayOf('export const other = [];', 'export const subscriptions = [];')).toBeUndefined();
    expect(withSubscriptionsArrayOf('export const subscriptions = [];', 'const x = 1;')).toBeUndefined();
  });
});
