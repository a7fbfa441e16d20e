// Edits to the code of bundled libraries, as esbuild loads it (an esbuild plugin), of three kinds:
//
// - Reads of a library's own package.json from the folder above its code: in the bundle that
//   folder is create-log-lambda's, so the read would give the wrong name and version (and
//   yeoman-generator refuses a yeoman-environment older than 4), or fail when dist/index.js runs
//   alone. Each becomes the library's real name and version, taken at build time.
// - Imports made lazy: esbuild evaluates a bundled module reached only through require() when that
//   require() first runs. The terminal prompts (inquirer, rxjs) and the spinner (ora, whose
//   string-width builds Unicode tables when loaded) are then parsed at start but compiled and
//   evaluated only by a run that uses them: one whose answers all come from flags uses neither.
// - Parts left out: lodash as `this._` in generators (ours do not use it; the rest of the bundle
//   then carries only the lodash functions Yeoman calls), and @yeoman/adapter's `testing`
//   re-export (yeoman-test's adapter, which would load the prompts at start).
//
// Every edit names the exact text it replaces: when a library update changes that text, the build
// fails and says which edit to look at, rather than ship an edit that no longer applies.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ownPackageJson = ({ name, version }) => `(${JSON.stringify({ name, version })})`;

export const patches = [
  {
    package: '@yeoman/adapter',
    file: 'dist/index.js',
    edits: [["export * as testing from './testing/index.js';", () => '']],
  },
  {
    package: 'yeoman-environment',
    file: 'dist/environment-base.js',
    edits: [["require('../package.json')", ownPackageJson]],
  },
  {
    package: 'yeoman-environment',
    file: 'dist/module-lookup.js',
    edits: [["JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json')).toString())", ownPackageJson]],
  },
  {
    package: 'yeoman-generator',
    file: 'dist/generator.js',
    edits: [
      ["JSON.parse(readFileSync(pathJoin(_dirname, '../package.json'), 'utf8'))", ownPackageJson],
      ["import * as _ from 'lodash-es';", () => ''],
      ['    _ = _;', () => "    get _() { throw new Error('create-log-lambda is built without lodash as this._ in generators'); }"],
    ],
  },
  {
    package: '@yeoman/adapter',
    file: 'dist/queued-adapter.js',
    edits: [
      [
        "import ora from 'ora';",
        () =>
          'const ora = (options) => { let spinner; return { ' +
          'get isSpinning() { return spinner?.isSpinning ?? false; }, ' +
          "start(text) { spinner ??= require('ora').default(options); return spinner.start(text); }, " +
          'stop() { return spinner?.stop(); }, succeed(text) { return spinner?.succeed(text); }, ' +
          'set suffixText(text) { if (spinner) spinner.suffixText = text; } }; };',
      ],
    ],
  },
  {
    package: '@yeoman/adapter',
    file: 'dist/adapter.js',
    edits: [
      ["import { Separator } from '@inquirer/core';", () => ''],
      ['return new Separator(separator);', () => "return new (require('@inquirer/core').Separator)(separator);"],
      [
        "import { createAdapterPromptModule } from './inquirer.js';",
        () =>
          'const createAdapterPromptModule = (options) => { let promptModule; ' +
          "return (questions, answers) => (promptModule ??= require('./inquirer.js').createAdapterPromptModule(options))(questions, answers); };",
      ],
    ],
  },
];

/** The name and version in the package.json of the package `file` belongs to. */
export function packageOf(file) {
  for (let folder = path.dirname(file); folder !== path.dirname(folder); folder = path.dirname(folder)) {
    try {
      const { name, version } = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
      if (name) return { folder, name, version };
    } catch {
      // no package.json here: look further up
    }
  }
  throw new Error(`no package.json above ${file}`);
}

export const escapeRegExp = (text) => text.replace(/[\\^$*+?.()|[\]{}]/g, '\\$&');

export const patchLibraries = {
  name: 'patch-libraries',
  setup(builder) {
    const applied = new Set();
    builder.onEnd((result) => {
      if (result.errors.length > 0) return;
      const missed = patches.filter((patch) => !applied.has(patch)).map((patch) => `${patch.package}/${patch.file}`);
      if (missed.length > 0) throw new Error(`not in the bundle, so not patched: ${missed.join(', ')} (update packages/create-log-lambda/bundle/patches.mjs)`);
    });
    for (const patch of patches) {
      const { package: name, file, edits } = patch;
      const filter = new RegExp(`[\\\\/]node_modules[\\\\/]${escapeRegExp(name)}[\\\\/]${escapeRegExp(file).replace(/\//g, '[\\\\/]')}$`);
      builder.onLoad({ filter }, ({ path: loaded }) => {
        const found = packageOf(loaded);
        let source = readFileSync(loaded, 'utf8');
        for (const [from, to] of edits) {
          const count = source.split(from).length - 1;
          if (count !== 1) {
            throw new Error(`${name}@${found.version} ${file} has ${count} times, not once: ${from}\n(update the edit in packages/create-log-lambda/bundle/patches.mjs)`);
          }
          source = source.replace(from, () => to(found));
        }
        applied.add(patch);
        return { contents: source, loader: 'js' };
      });
    }
  },
};
