/**
 * Where a scaffold's time goes: one `create-log-lambda demo --yes --skip-install --no-git` run of
 * an unminified build (each bundled module keeps a comment with its path) under `--cpu-prof`, its
 * samples attributed to the bundled package whose code ran, and to a phase: V8 compiling the file,
 * evaluating the bundled modules, running the generator, or Node.js itself (start-up, garbage
 * collection, I/O). The profiler slows the run down; the shares are what to read.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { setup } from './measure.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

export interface ScaffoldProfile {
  totalMs: number;
  phases: { compile: number; evaluate: number; generate: number; node: number };
  /** Milliseconds of each bundled package's own code (or part of ours), most first. */
  packages: Array<{ name: string; ms: number }>;
}

export function profileScaffold(bundle: string, workspace: string): ScaffoldProfile {
  const dir = path.join(workspace, 'profile');
  setup(
    process.execPath,
    ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', '100', bundle, 'profiled', '--log-group', '/aws/lambda/versions', '--yes', '--skip-install', '--no-git'],
    workspace,
  );
  const [file] = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
  const profile = JSON.parse(readFileSync(path.join(dir, file!), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };

  const moduleAt = moduleLines(readFileSync(bundle, 'utf8'));
  const bundleUrl = `/${path.basename(bundle)}`;
  const parent = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node);
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

  const phases = { compile: 0, evaluate: 0, generate: 0, node: 0 };
  const packages = new Map<string, number>();
  for (const node of profile.nodes) {
    const ms = selfTime.get(node.id) ?? 0;
    if (ms === 0) continue;
    const inBundle = (n: ProfileNode) => n.callFrame.url.endsWith(bundleUrl);
    let evaluating = false;
    let code: string | undefined;
    for (let frame: ProfileNode | undefined = node; frame; frame = parent.get(frame.id)) {
      if (!inBundle(frame)) continue;
      code ??= packageOf(moduleAt(frame.callFrame.lineNumber));
      // esbuild wraps each lazily evaluated module in an init function (__init, init_<name>).
      if (/^(__init|init_)/.test(frame.callFrame.functionName)) evaluating = true;
    }
    if (node.callFrame.functionName === 'compileSourceTextModule') phases.compile += ms;
    else if (code === undefined) phases.node += ms;
    else {
      phases[evaluating ? 'evaluate' : 'generate'] += ms;
      packages.set(code, (packages.get(code) ?? 0) + ms);
    }
  }
  const totalMs = Object.values(phases).reduce((sum, ms) => sum + ms, 0);
  return { totalMs, phases, packages: [...packages].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms) };
}

/** For a line of the unminified bundle, the path of the module it belongs to (esbuild's `// path` comments). */
function moduleLines(source: string): (line: number) => string {
  const starts: Array<[number, string]> = [];
  source.split('\n').forEach((line, i) => {
    const module = /^\/\/ (\S+)$/.exec(line)?.[1];
    if (module) starts.push([i, module]);
  });
  return (line) => {
    let found = "(esbuild's module wrappers)";
    for (let low = 0, high = starts.length - 1; low <= high;) {
      const middle = (low + high) >> 1;
      if (starts[middle]![0] <= line) {
        found = starts[middle]![1];
        low = middle + 1;
      } else high = middle - 1;
    }
    return found;
  };
}

/** `node_modules/.pnpm/x@1/node_modules/@scope/name/dist/a.js` -> `@scope/name`; our own files by folder. */
function packageOf(module: string): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(module)?.[1];
  if (inPackage) return inPackage;
  const ours = /(packages\/[^/]+|generators|templates)\//.exec(module)?.[1];
  return ours ? `ours: ${ours}` : module.replace(/^(\.\.\/)+/, '');
}
