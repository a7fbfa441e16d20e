// Checks the package.json inside each tarball release.yml packed, before anything is published:
// both packages are there, at one version (the tag's, with --version), with no workspace:
// specifier left, and with the repository.url that npm's provenance check compares with the
// repository the workflow runs in. With --warn, a problem is a warning and the exit code 0.
//
//   node .github/workflows/check-tarballs.mjs <folder> [--version <x.y.z>] [--warn]
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { version: { type: 'string' }, warn: { type: 'boolean' } } });
const [folder] = positionals;
if (!folder) {
  console.error('usage: node .github/workflows/check-tarballs.mjs <folder> [--version <x.y.z>] [--warn]');
  process.exit(2);
}

const PACKAGES = ['generator-log-lambda', 'create-log-lambda'];
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
const problems = [];

const tarballs = readdirSync(folder).filter((file) => file.endsWith('.tgz'));
const manifests = tarballs.map((file) => ({
  file,
  manifest: JSON.parse(execFileSync('tar', ['-xzOf', path.join(folder, file), 'package/package.json'], { encoding: 'utf8' })),
}));

for (const name of PACKAGES) {
  const found = manifests.filter(({ manifest }) => manifest.name === name);
  if (found.length !== 1) problems.push(`${name}: ${found.length} tarballs in ${folder}, expected 1`);
}
for (const { file, manifest } of manifests) {
  if (!PACKAGES.includes(manifest.name)) problems.push(`${file}: ${manifest.name} is not one of ${PACKAGES.join(', ')}`);
  if (values.version !== undefined && manifest.version !== values.version) problems.push(`${file}: version ${manifest.version}, but the tag says ${values.version}`);
  for (const field of DEPENDENCY_FIELDS) {
    for (const [dependency, specifier] of Object.entries(manifest[field] ?? {})) {
      if (String(specifier).startsWith('workspace:')) problems.push(`${file}: ${field}.${dependency} is still ${specifier}`);
    }
  }
  const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  if (!repository) problems.push(`${file}: package.json has no repository.url, which npm publish --provenance requires (it must name this GitHub repository)`);
  console.log(`${file}: ${manifest.name}@${manifest.version}`);
}
const versions = new Set(manifests.map(({ manifest }) => manifest.version));
if (versions.size > 1) problems.push(`the packages have different versions: ${[...versions].join(', ')}`);

for (const problem of problems) console.log(`::${values.warn ? 'warning' : 'error'}::${problem}`);
process.exit(problems.length > 0 && !values.warn ? 1 : 0);
