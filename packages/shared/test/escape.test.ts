import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { json, mdCode, mdLineCode, mermaidText, shellArg, tsString } from '../src/index.js';
import { tsStringIn } from '../src/escape.js';

const tricky = [
  '',
  '{ $.msg = "a\\"b" }',
  'back`tick`s and ${x} and `${y}`',
  'ends a comment */ and starts one /*',
  'Größe → ✓ 日本語 😀',
  'back\\slash \\u0041 and \\n',
  'line\nbreak\r\ttab \u2028 \u2029 \u0000',
  '</script><!--',
];

describe('tsString: a TypeScript string literal that evaluates to the value, quoted as Prettier quotes it', () => {
  it.each(tricky)('round-trips %j through JavaScript evaluation, in either quotes', (value) => {
    expect(new Function(`return ${tsString(value)};`)()).toBe(value);
    expect(new Function(`return ${tsStringIn(value, "'")};`)()).toBe(value);
    expect(JSON.parse(tsStringIn(value, '"'))).toBe(value);
  });

  it('stays on one line, so it cannot end a line comment or a template line', () => {
    for (const value of tricky) expect(tsString(value)).not.toMatch(/[\n\r\u2028\u2029]/);
  });

  it('escapes quotes and backslashes, keeps readable text readable', () => {
    expect(tsString('{ $.msg = "a\\"b" }')).toBe(`'{ $.msg = "a\\\\"b" }'`);
    expect(tsString("it's")).toBe(`"it's"`);
    expect(tsString(`it's "x"`)).toBe(`'it\\'s "x"'`);
    expect(tsString(`it's 'x' "y"`)).toBe(`"it's 'x' \\"y\\""`);
    expect(tsString('Größe')).toBe(`'Größe'`);
  });
});

describe('mdCode', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(mdCode('plain')).toBe('`plain`');
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('`x`')).toBe('`` `x` ``');
  });
  it('shows a line break as \\n on one line', () => {
    expect(mdLineCode('a|b\nc')).toBe('`a|b\\nc`');
  });
});

describe('mermaidText', () => {
  it('keeps plain names and turns everything else into entities', () => {
    expect(mermaidText('/aws/lambda/versions')).toBe('/aws/lambda/versions');
    expect(mermaidText('{ $.a = "b" }')).toBe('#123; #36;.a #61; #34;b#34; #125;');
    expect(mermaidText('Größe#')).toBe('Größe#35;');
  });
});

describe('json', () => {
  it('indents nested lines to sit inside a template', () => {
    expect(json({ a: 1 }, 2)).toBe('{\n    "a": 1\n  }');
  });
});

describe('shellArg', () => {
  it('leaves plain words bare', () => {
    expect(shellArg('/aws/lambda/versions')).toBe('/aws/lambda/versions');
    expect(shellArg('my-app-aws-lambda-versions')).toBe('my-app-aws-lambda-versions');
  });

  it.each([...tricky.filter((value) => !value.includes('\u0000')), "it's", '#start', '$HOME', '-x'])('passes %j through sh verbatim', (value) => {
    const echoed = spawnSync('sh', ['-c', `printf '%s' ${shellArg(value)}`], { encoding: 'utf8' }).stdout;
    expect(echoed).toBe(value);
  });
});
