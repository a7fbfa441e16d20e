/**
 * The regex subset on its automaton: the same answers as JavaScript's RegExp wherever the two
 * languages agree (RegExp serves only as the oracle here), and CloudWatch Logs' reading where they
 * do not.
 */
import { describe, expect, it } from 'vitest';
import { compileRegex, matchFilterPattern, parseRegex } from '../src/index.js';
import { seededRandom as random } from './random.js';

const test = (source: string, text: string) => compileRegex(parseRegex(source))(text);

describe('the automaton agrees with RegExp on the shared language', () => {
  const atoms = ['a', 'b', 'c', '.', '[ab]', '[^a]', '[a-c]', '\\d', '\\D', '\\s', '\\w', '\\W', '\\.', '1', ' ', '-', '^', '$'];
  const quantifiers = ['', '', '', '*', '+', '?', '{2}', '{1,3}', '{2,}', '{0,1}', '*?', '+?', '{2,5}', '{9,12}', '{10,}'];

  /** `count` random expressions of up to `atomsPerBranch` atoms per branch, each on 10 random lines. */
  function compare(seed: number, count: number, atomsPerBranch: number, lineLength: number): number {
    const next = random(seed);
    const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
    let compared = 0;
    for (let i = 0; i < count; i++) {
      const branches = Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
        Array.from({ length: Math.floor(next() * atomsPerBranch) }, () => {
          const atom = pick(atoms);
          return atom === '^' || atom === '$' ? atom : atom + pick(quantifiers);
        }).join(''),
      );
      const source = branches.join('|');
      if (source === '') continue;
      const ours = compileRegex(parseRegex(source));
      const oracle = new RegExp(source);
      for (let j = 0; j < 10; j++) {
        // No line breaks, Unicode spaces or surrogate pairs: there `$`, `.`, \s and character counts differ from RegExp on purpose.
        const line = Array.from({ length: Math.floor(next() * lineLength) }, () => pick(['a', 'b', 'c', '1', ' ', '-', '.', 'é', 'ß'])).join('');
        expect(ours(line), `${source} on ${JSON.stringify(line)}`).toBe(oracle.test(line));
        compared++;
      }
    }
    return compared;
  }

  it('on 20,000 short expressions and lines', () => {
    expect(compare(11, 2000, 6, 12)).toBeGreaterThan(15_000);
  });

  it('on 4,000 long ones: several words of states, counting states, lines of 40 characters', () => {
    expect(compare(12, 400, 45, 40)).toBeGreaterThan(3_000);
  });

  it('with many separate runs of entries inside one counting window', () => {
    const next = random(13);
    for (const source of ['b[ab]{20,60}c', 'a[ab]{9,40}b[abc]{12,30}c', '[^c]a?[ab]{15,99}c$']) {
      const ours = compileRegex(parseRegex(source));
      const oracle = new RegExp(source);
      for (let j = 0; j < 300; j++) {
        const line = Array.from({ length: 50 + Math.floor(next() * 150) }, () => (next() < 0.02 ? 'c' : next() < 0.5 ? 'a' : 'b')).join('');
        expect(ours(line), `${source} on ${line}`).toBe(oracle.test(line));
      }
    }
  });
});

describe("CloudWatch Logs' reading, where RegExp differs", () => {
  it('{,n} is zero to n times', () => {
    expect(['', 'a', 'aa', 'aaa'].map((line) => test('^a{,2}$', line))).toEqual([true, true, true, false]);
  });

  it('a ] right after [ or [^ is the character', () => {
    expect(test('[]a]', ']')).toBe(true);
    expect(test('[^]a]', ']')).toBe(false);
    expect(test('[^]a]', 'b')).toBe(true);
  });

  it('$ matches before a line break that ends the line', () => {
    expect(test('done$', 'done\n')).toBe(true);
    expect(test('^done$', 'done\n')).toBe(true);
    expect(test('don.$', 'done\n')).toBe(true);
    expect(test('done$', 'done\nmore')).toBe(false);
  });

  it('. is any character but \\n and \\r; a character outside the BMP is one character', () => {
    expect(test('a.b', 'a\nb')).toBe(false);
    expect(test('a.b', 'a\u2028b')).toBe(true);
    expect(test('^.$', '😀')).toBe(true);
    expect(test('a[^b]c', 'a😀c')).toBe(true);
    expect(test('^.{2}$', '😀😀')).toBe(true);
  });

  it('\\w, \\d and \\s are ASCII', () => {
    expect(test('\\w', 'é')).toBe(false);
    expect(test('\\d', '٣')).toBe(false);
    expect(test('\\s', '\u00a0')).toBe(false);
    expect(test('\\S', '\u00a0')).toBe(true);
  });

  it('counts repeats exactly, however large', () => {
    expect(test('^a{1000}$', 'a'.repeat(1000))).toBe(true);
    expect(test('^a{1000}$', 'a'.repeat(999))).toBe(false);
    expect(test('^a{1000}$', 'a'.repeat(1001))).toBe(false);
    expect(test('xa{2,4}y', 'xay xaaaaay xaaay')).toBe(true);
    expect(test('xa{2,4}y', 'xay xaaaaay')).toBe(false);
    expect(test('a{3,}b', 'aab aaab')).toBe(true);
    expect(test('a{3,}b', 'aab ab')).toBe(false);
  });

  it('works in every place a pattern takes a regex', () => {
    expect(matchFilterPattern('%^shutting down%', 'shutting down now').matched).toBe(true);
    expect(matchFilterPattern('?%^a% ?%b$%', 'xb').matched).toBe(true);
    expect(matchFilterPattern('ERROR -%^DEBUG%', 'DEBUG ERROR').matched).toBe(false);
    expect(matchFilterPattern('{ $.id = %^[0-9a-f]{8}$% }', '{"id":"deadbeef"}').matched).toBe(true);
    expect(matchFilterPattern('[level, id != %^r[0-9]+$%]', 'INFO r12').matched).toBe(false);
  });
});
