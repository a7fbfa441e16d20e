// Builds what create-log-lambda publishes: one self-contained ESM file, dist/index.js (the bin),
// with no runtime dependencies. Bundled into it: our code, the engine (@log-lambda/shared), the
// renderer (generators/common/render.ts, with ejs) and the files generated projects are made from
// (templates/ and the shipped sources, the same that generator-log-lambda ships:
// scripts/shipped-files.mjs), embedded as strings. No Yeoman: the engine writes, and the prompts
// are node:readline's (src/prompt.ts). TypeScript, which --add-filter and --upgrade use to read
// lib/subscriptions.ts, is not bundled: they read with the project's own (src/project-typescript.ts).
//
// Run as a script (`node build.mjs`, the package's build and prepack) it writes dist/index.js and,
// beside it, the licenses of the bundled packages; `bundle()` is what the tests inspect.
import { mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { shippedFolders } from '../../scripts/shipped-files.mjs';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = path.resolve(root, '../..');
const outfile = path.join(root, 'dist/index.js');

/** Packages that must never be in the bundle: Yeoman and what it brings, and TypeScript. */
export const neverBundled = [
  ...['yeoman-environment', 'yeoman-generator', '@yeoman/adapter', '@yeoman/conflicter', 'mem-fs', 'mem-fs-editor', 'inquirer', '@inquirer/core', 'rxjs', 'ora', 'lodash-es'],
  ...['@npmcli/arborist', 'pacote', 'npm-registry-fetch', 'sigstore', 'tar', 'cacache'],
  'typescript', // --add-filter and --upgrade load the project's own (src/project-typescript.ts)
];

/**
 * TypeScript (4 MB minified) reads lib/subscriptions.ts, for --add-filter and --upgrade only: in the bundle, the
 * project's own TypeScript does (src/project-typescript.ts), so the package stays small.
 */
const projectTypeScript = {
  name: 'project-typescript',
  setup(builder) {
    builder.onResolve({ filter: /^typescript$/ }, () => ({ path: path.join(root, 'src/project-typescript.ts') }));
  },
};

/** The generators' template functions read folders on disk: in the bundle, they read the embedded files. */
const embeddedTemplates = {
  name: 'embedded-templates',
  setup(builder) {
    const templatesModule = path.join(repo, 'generators/common/templates.ts');
    builder.onResolve({ filter: /\/templates\.js$/ }, ({ importer, resolveDir, path: imported }) =>
      path.resolve(resolveDir, imported.replace(/\.js$/, '.ts')) === templatesModule && importer.startsWith(path.join(repo, 'generators'))
        ? { path: path.join(root, 'src/embedded-templates.ts') }
        : undefined,
    );
    builder.onResolve({ filter: /^log-lambda:embedded-files$/ }, () => ({ path: 'embedded-files', namespace: 'log-lambda' }));
    builder.onLoad({ filter: /.*/, namespace: 'log-lambda' }, () => {
      const files = {};
      for (const folder of shippedFolders) {
        for (const file of readdirSync(path.join(repo, folder), { recursive: true, withFileTypes: true })) {
          if (!file.isFile()) continue;
          const full = path.join(file.parentPath, file.name);
          files[path.relative(repo, full).split(path.sep).join('/')] = readFileSync(full, 'utf8');
        }
      }
      return { contents: `export default ${JSON.stringify(files)};`, loader: 'js', watchFiles: Object.keys(files).map((file) => path.join(repo, file)) };
    });
  },
};

/**
 * Bundles src/index.ts; returns the output and esbuild's metafile (every input, with its size in
 * the output). Unminified, each bundled module is preceded by a comment with its path: for profiles.
 */
export async function bundle({ minify = true } = {}) {
  const generator = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
  const own = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const { outputFiles, metafile } = await build({
    entryPoints: [path.join(root, 'src/index.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify,
    // Error and class names stay readable: main() tells errors apart by name.
    keepNames: true,
    legalComments: 'none', // the licenses are in dist/THIRD-PARTY-LICENSES.md
    // The bundled CommonJS packages require Node's modules.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    define: {
      CREATE_LOG_LAMBDA_VERSION: JSON.stringify(own.version),
      GENERATOR_PACKAGE: JSON.stringify({ name: generator.name, version: generator.version }),
    },
    plugins: [projectTypeScript, embeddedTemplates],
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  return { code: outputFiles[0].contents, metafile };
}

/** The package a bundled file belongs to: the nearest package.json with a name above it. */
function packageOf(file) {
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

/** The bundled packages (name, version, folder), from the metafile. */
export function bundledPackages(metafile) {
  const packages = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    if (!input.includes('node_modules/')) continue;
    const found = packageOf(path.resolve(input));
    packages.set(`${found.name}@${found.version}`, found);
  }
  return [...packages.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A copyright notice: `Copyright (c) 2015 Name`, `Copyright Name`, a line `(c) 2007 Name`; not
 * "the above copyright notice", "COPYRIGHT HOLDERS" or Apache's template `Copyright [yyyy]`.
 */
export const COPYRIGHT_LINE = /\bCopyright[ \t]+(?:\([cC]\)[ \t]*|©[ \t]*)?\w|^[ \t]*(?:\([cC]\)|©)[ \t]*\d{4}/m;

/** A package.json person (`"Name <email> (url)"` or `{ name, email, url }`) as one line. */
function person(value) {
  if (typeof value === 'string') return value.trim() || undefined;
  if (!value?.name) return undefined;
  return [value.name, value.email && `<${value.email}>`, value.url && `(${value.url})`].filter(Boolean).join(' ');
}

/**
 * The MIT License's permission notice and disclaimer (everything after the copyright line), from
 * our own LICENSE: for MIT packages that ship no license file, whose license is that text.
 */
function mitTerms() {
  const ours = readFileSync(path.join(repo, 'LICENSE'), 'utf8');
  return ours.slice(ours.indexOf('Permission is hereby granted')).trim();
}

/**
 * The license of each bundled package, for dist/THIRD-PARTY-LICENSES.md: its license file as it
 * is. Where the package ships none, or its file names no copyright holder, the copyright line is
 * made from the package.json author field (at the bundled version) and says so.
 */
export function thirdPartyLicenses(metafile) {
  const sections = bundledPackages(metafile).map(({ folder, name, version }) => {
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
    const license = manifest.license ?? 'no "license" field in its package.json';
    const licenseFile = readdirSync(folder).find((file) => /^(licen[cs]e|copying)(\.|$)/i.test(file));
    const fileText = licenseFile && readFileSync(path.join(folder, licenseFile), 'utf8').trim();
    const author = person(manifest.author);
    const why = fileText ? 'its license file names no copyright holder' : 'the package ships no license file';
    const copyright = author ? `Copyright (c) ${author} — from the package's author field; ${why}` : `No copyright holder named: ${why}, and its package.json has no author`;
    let text;
    if (fileText) text = COPYRIGHT_LINE.test(fileText) ? fileText : `${copyright}\n\n${fileText}`;
    else if (license === 'MIT') text = `MIT License\n\n${copyright}\n\n${mitTerms()}\n\n(The MIT License's standard text: the package's license field says MIT.)`;
    else text = `${license}\n\n${copyright}`;
    return `## ${name}@${version} (${license})\n\n\`\`\`\n${text}\n\`\`\`\n`;
  });
  return `# Third-party licenses\n\ncreate-log-lambda's dist/index.js bundles these packages.\n\n${sections.join('\n')}`;
}

/** Writes `contents` to `file` in one step, so that a test running the bin while another build replaces it never sees half a file. */
function replace(file, contents, mode) {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, contents, { mode });
  renameSync(temporary, file);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { code, metafile } = await bundle();
  mkdirSync(path.dirname(outfile), { recursive: true });
  replace(outfile, code, 0o755);
  replace(path.join(path.dirname(outfile), 'THIRD-PARTY-LICENSES.md'), thirdPartyLicenses(metafile), 0o644);
  console.log(`built packages/create-log-lambda/dist/index.js (${(code.length / 1e6).toFixed(2)} MB)`);
}
