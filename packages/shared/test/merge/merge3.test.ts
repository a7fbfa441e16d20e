/** The three-way line merge: clean, conflicting, deleted, added, binary-safe, CRLF. */
import { describe, expect, it } from 'vitest';
import { hasConflictMarkers, mergeFile, mergeText, usesCrlf } from '../../src/merge/merge3.js';
import { seededRandom as random } from '../random.js';

const labels = { ours: 'your version', base: 'log-lambda 0.1.0', theirs: 'log-lambda 0.2.0' };
const lines = (...items: string[]) => items.map((item) => `${item}\n`).join('');
const merge = (base: string, ours: string, theirs: string) => mergeText(base, ours, theirs, labels);

const base = lines('import a', '', 'function one() {', '  return 1;', '}', '', 'function two() {', '  return 2;', '}');

describe('mergeText', () => {
  it('takes changes made on one side only, from both sides', () => {
    const ours = base.replace('  return 1;', '  return 100; // mine');
    const theirs = base.replace('import a', 'import a\nimport b').replace('  return 2;', '  return 2 as const;');
    expect(merge(base, ours, theirs)).toEqual({
      text: lines('import a', 'import b', '', 'function one() {', '  return 100; // mine', '}', '', 'function two() {', '  return 2 as const;', '}'),
      conflicts: 0,
    });
  });

  it('takes the same change made on both sides once', () => {
    const both = base.replace('  return 1;', '  return 1n;');
    expect(merge(base, both, both)).toEqual({ text: both, conflicts: 0 });
  });

  it('marks different changes to the same line as a conflict, with the base between the sides', () => {
    const ours = base.replace('  return 1;', '  return 10;');
    const theirs = base.replace('  return 1;', '  return 11;').replace('  return 2;', '  return 22;');
    const { text, conflicts } = merge(base, ours, theirs);
    expect(conflicts).toBe(1);
    expect(text).toBe(
      lines(
        'import a',
        '',
        'function one() {',
        '<<<<<<< your version',
        '  return 10;',
        '||||||| log-lambda 0.1.0',
        '  return 1;',
        '=======',
        '  return 11;',
        '>>>>>>> log-lambda 0.2.0',
        '}',
        '',
        'function two() {',
        '  return 22;',
        '}',
      ),
    );
    expect(hasConflictMarkers(text)).toBe(true);
  });

  it('treats changes to adjacent lines as a conflict, as git does', () => {
    const ours = base.replace('function one() {', 'function uno() {');
    const theirs = base.replace('  return 1;', '  return 1.0;');
    expect(merge(base, ours, theirs).conflicts).toBe(1);
  });

  it('merges lines deleted on one side with changes elsewhere on the other', () => {
    const ours = base.replace(lines('function two() {', '  return 2;', '}'), '').replace(/\n\n$/, '\n');
    const theirs = base.replace('import a', 'import a2');
    expect(merge(base, ours, theirs)).toEqual({ text: lines('import a2', '', 'function one() {', '  return 1;', '}'), conflicts: 0 });
  });

  it('conflicts when one side deletes lines the other changed', () => {
    const ours = base.replace(lines('function two() {', '  return 2;', '}'), '');
    const theirs = base.replace('  return 2;', '  return 3;');
    const { text, conflicts } = merge(base, ours, theirs);
    expect(conflicts).toBe(1);
    expect(text).toContain(lines('<<<<<<< your version', '||||||| log-lambda 0.1.0', 'function two() {'));
  });

  it('merges lines added on both sides at different places, and conflicts on different lines added at one place', () => {
    const ours = `${base}// mine\n`;
    const theirs = `// header\n${base}`;
    expect(merge(base, ours, theirs)).toEqual({ text: `// header\n${base}// mine\n`, conflicts: 0 });
    const clash = merge(base, `${base}// mine\n`, `${base}// theirs\n`);
    expect(clash.conflicts).toBe(1);
    expect(clash.text).toBe(`${base}${lines('<<<<<<< your version', '// mine', '||||||| log-lambda 0.1.0', '=======', '// theirs', '>>>>>>> log-lambda 0.2.0')}`);
  });

  it('merges files added on both sides from an empty base: identical is clean, different is one conflict', () => {
    expect(merge('', 'same\n', 'same\n')).toEqual({ text: 'same\n', conflicts: 0 });
    expect(merge('', 'mine\n', 'theirs\n')).toEqual({
      text: lines('<<<<<<< your version', 'mine', '||||||| log-lambda 0.1.0', '=======', 'theirs', '>>>>>>> log-lambda 0.2.0'),
      conflicts: 1,
    });
  });

  it('keeps a missing final newline, and puts markers on lines of their own', () => {
    expect(merge('a\nx\nb', 'a\nx\nb\nc', 'z\nx\nb').text).toBe('z\nx\nb\nc');
    const { text } = merge('a\nb', 'a\nmine', 'a\ntheirs');
    expect(text).toBe(lines('a', '<<<<<<< your version', 'mine', '||||||| log-lambda 0.1.0', 'b', '=======', 'theirs', '>>>>>>> log-lambda 0.2.0'));
  });

  it('merges a CRLF checkout of the user against LF templates as lines, and keeps CRLF', () => {
    const ours = base.replace('  return 1;', '  return 100;').replace(/\n/g, '\r\n');
    const theirs = base.replace('  return 2;', '  return 200;');
    const { text, conflicts } = merge(base, ours, theirs);
    expect(conflicts).toBe(0);
    expect(text).toBe(base.replace('  return 1;', '  return 100;').replace('  return 2;', '  return 200;').replace(/\n/g, '\r\n'));
    expect(usesCrlf(text)).toBe(true);
    // An untouched CRLF file becomes the new version, in CRLF.
    expect(merge(base, base.replace(/\n/g, '\r\n'), theirs).text).toBe(theirs.replace(/\n/g, '\r\n'));
    // Conflict markers too.
    const clash = merge(base, base.replace('  return 1;', 'x').replace(/\n/g, '\r\n'), base.replace('  return 1;', 'y'));
    expect(clash.text).toContain('<<<<<<< your version\r\nx\r\n||||||| log-lambda 0.1.0\r\n  return 1;\r\n=======\r\ny\r\n>>>>>>> log-lambda 0.2.0\r\n');
    expect(clash.text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('merges only whole lines: a line equal but for its ending is a change', () => {
    expect(merge('a\nx\nb\n', 'a\nx\nb', 'a2\nx\nb\n')).toEqual({ text: 'a2\nx\nb', conflicts: 0 });
  });
});

describe('mergeText on random edits', () => {
  const next = random(2026);
  const edit = (items: string[]) => items.flatMap((line) => (next() < 0.2 ? [] : next() < 0.2 ? [line, `new ${next()}`] : next() < 0.1 ? [`changed ${next()}`] : [line]));

  it('returns one side when the other is the base, and edits on separate halves merge cleanly into both', () => {
    for (let round = 0; round < 500; round++) {
      const head = Array.from({ length: Math.floor(next() * 15) }, () => `line ${Math.floor(next() * 5)}`);
      const tail = Array.from({ length: Math.floor(next() * 15) }, () => `line ${Math.floor(next() * 5)}`);
      // Two unique lines keep the halves apart, so no edit of one side touches one of the other's.
      const separator = ['-- separator one --', '-- separator two --'];
      const baseText = lines(...head, ...separator, ...tail);
      const ours = lines(...edit(head), ...separator, ...tail);
      const theirs = lines(...head, ...separator, ...edit(tail));
      expect(merge(baseText, ours, baseText)).toEqual({ text: ours, conflicts: 0 });
      expect(merge(baseText, baseText, theirs)).toEqual({ text: theirs, conflicts: 0 });
      expect(merge(baseText, theirs, theirs)).toEqual({ text: theirs, conflicts: 0 });
      const merged = merge(baseText, ours, theirs);
      expect(merged.conflicts).toBe(0);
      expect(merged.text).toBe(ours.slice(0, ours.indexOf(separator[0]!)) + theirs.slice(theirs.indexOf(separator[0]!)));
    }
  });
});

describe('mergeFile', () => {
  const text = (value: string) => Buffer.from(value, 'utf8');

  it('short-cuts unchanged sides byte for byte', () => {
    expect(mergeFile(text('a'), text('a'), text('b'), labels)).toEqual({ contents: text('b'), conflicts: 0 });
    expect(mergeFile(text('a'), text('b'), text('a'), labels)).toEqual({ contents: text('b'), conflicts: 0 });
  });

  it("never merges binary files line by line: both changed keeps the user's bytes, as a conflict", () => {
    const baseBytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 10, 3]);
    const ours = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 9, 10, 3]);
    const theirs = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 7, 2, 10, 3]);
    expect(mergeFile(baseBytes, ours, theirs, labels)).toEqual({ contents: ours, conflicts: 1, binary: true });
    // Only one side changed: that side's bytes, exactly.
    expect(mergeFile(baseBytes, baseBytes, theirs, labels).contents).toBe(theirs);
    // Text that is not UTF-8 counts as binary too.
    const latin1 = Buffer.from('caf\xe9\n', 'latin1');
    expect(mergeFile(text('cafe\n'), latin1, text('cafe!\n'), labels)).toMatchObject({ contents: latin1, binary: true });
  });

  it('merges text byte-exactly, non-ASCII included', () => {
    const merged = mergeFile(text('Größe\nb\nc\n'), text('Größe ✓\nb\nc\n'), text('Größe\nb\nc → d\n'), labels);
    expect(merged.contents.toString('utf8')).toBe('Größe ✓\nb\nc → d\n');
  });
});

describe('hasConflictMarkers', () => {
  it('finds a whole block only, not a lone ======= (a Markdown heading underline)', () => {
    expect(hasConflictMarkers('Title\n=======\n')).toBe(false);
    expect(hasConflictMarkers('<<<<<<< a\nx\n=======\ny\n>>>>>>> b\n')).toBe(true);
    expect(hasConflictMarkers('<<<<<<< a\r\nx\r\n=======\r\ny\r\n>>>>>>> b\r\n')).toBe(true);
  });
});
