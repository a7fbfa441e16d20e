/**
 * Runs a command in a pseudo-terminal (util-linux `script`), so it sees a TTY as a user's shell
 * gives it, and types answers when the prompts appear.
 */
import { spawn } from 'node:child_process';

export interface TerminalRun {
  /** Everything the command showed, escape sequences removed. */
  screen: string;
  code: number;
}

/** Waits for `prompt` to appear (after what was answered so far), then types `keys`. */
export type Exchange = [prompt: string, keys: string];

const shellQuote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;
// eslint-disable-next-line no-control-regex
const stripEscapes = (text: string) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').replaceAll('\r', '');

export function inTerminal(
  command: string[],
  exchanges: Exchange[],
  { cwd, env, timeoutMs = 20_000 }: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<TerminalRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['--quiet', '--flush', '--return', '--command', command.map(shellQuote).join(' '), '/dev/null'], {
      cwd,
      env: { ...env, TERM: 'xterm', COLUMNS: '200' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const pending = [...exchanges];
    let output = '';
    let answeredUpTo = 0;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no end after ${timeoutMs} ms; waiting for ${JSON.stringify(pending[0]?.[0])}; the screen:\n${stripEscapes(output)}`));
    }, timeoutMs);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const next = pending[0];
      const at = next ? stripEscapes(output).indexOf(next[0], answeredUpTo) : -1;
      if (next && at !== -1) {
        pending.shift();
        answeredUpTo = at + next[0].length;
        setTimeout(() => child.stdin.write(next[1]), 50);
      }
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ screen: stripEscapes(output), code: code ?? 1 });
    });
  });
}
