/**
 * Which files of a generated project are the user's and which are log-lambda's.
 *
 * The user's files are written once, when the project is created, and never again: an upgrade
 * leaves them as they are, and adding a filter only adds entries to the two lists among them
 * (lib/subscriptions.ts, edited as code; the sample lines, merged as JSON). Every other file is
 * managed: an upgrade replaces it with the new version's, merging the user's edits in. The
 * managed machinery lives in folders of its own (lib/log-lambda/, src/log-lambda/,
 * local/log-lambda/, test/log-lambda/), and a managed file that can hold a comment says so in its
 * first line (JSON files cannot: the project's README and AGENTS.md list them).
 */

/** The user's files, by their path in the project. */
export const USER_FILES = ['lib/subscriptions.ts', 'src/process.ts', 'test/process.test.ts', 'test/fixtures/log-lines.json'] as const;

/** The user's function: what the project does with each batch of log events. */
export const USER_FUNCTION_FILE = 'src/process.ts';

export function isUserFile(path: string): boolean {
  return (USER_FILES as readonly string[]).includes(path);
}

/** What a managed file's first line says, in the comment syntax of its kind of file. */
export const MANAGED_NOTICE = `Managed by log-lambda: an upgrade (npm create log-lambda@latest -- --upgrade) replaces this file, merging your edits. Your code goes in ${USER_FUNCTION_FILE}.`;

/**
 * The first line of the managed file at `path`, newline included; undefined for a user's file,
 * the README (the user's to extend: an upgrade merges it, adding a filter rewrites only its
 * marked region) and a file that cannot hold a comment (JSON).
 */
export function managedHeader(path: string): string | undefined {
  if (isUserFile(path) || path === 'README.md') return undefined;
  if (/\.[cm]?[jt]s$/.test(path)) return `// ${MANAGED_NOTICE}\n`;
  if (path.endsWith('.md')) return `<!-- ${MANAGED_NOTICE} -->\n\n`;
  if (/(^|\/)\.(git|prettier)ignore$|\.ya?ml$/.test(path)) return `# ${MANAGED_NOTICE}\n`;
  return undefined;
}

const HEADER = /^(?:\/\/|#|<!--) Managed by log-lambda: /;

/** Whether `contents` is a managed file: its first line is the header. */
export function isManagedFile(contents: Buffer | string): boolean {
  return HEADER.test(typeof contents === 'string' ? contents : contents.subarray(0, 200).toString('utf8'));
}
