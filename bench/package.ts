/**
 * What `npm create log-lambda` downloads and installs before it can ask its first question:
 * create-log-lambda packed as it is published, installed with npm into an empty folder; the same
 * for create-vite. Counted: the packages in node_modules and the bytes of their files.
 */
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { setup } from './measure.js';

export interface InstalledPackage {
  tarballBytes: number;
  packages: number;
  bytes: number;
}

/**
 * Packs `spec` into `workspace` and returns the tarball: with pnpm, the package in the folder `spec`
 * (its prepack builds it); with npm, a published package (`name@version`) as the registry serves it.
 */
export function pack(spec: string, workspace: string, packer: 'npm' | 'pnpm'): string {
  const destination = path.join(workspace, `packed-${path.basename(spec)}`);
  mkdirSync(destination, { recursive: true });
  if (packer === 'pnpm') setup('pnpm', ['pack', '--pack-destination', destination], spec);
  else setup('npm', ['pack', spec, '--pack-destination', destination], workspace);
  const [tarball] = readdirSync(destination).filter((file) => file.endsWith('.tgz'));
  if (!tarball) throw new Error(`${packer} pack made no tarball in ${destination}`);
  return path.join(destination, tarball);
}

/** Installs `tarball` into an empty folder with npm, as `npm create` does; what it installed. */
export function installedPackage(tarball: string, workspace: string): InstalledPackage {
  const prefix = path.join(workspace, `installed-${path.basename(tarball, '.tgz')}`);
  mkdirSync(prefix, { recursive: true });
  setup('npm', ['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-package-lock', tarball], prefix);
  let packages = 0;
  let bytes = 0;
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.isFile()) {
        bytes += statSync(file).size;
        // A package is a folder with a package.json right under a node_modules (or @scope) folder.
        const owner = path.basename(path.dirname(path.dirname(file)));
        const scopeOwner = path.basename(path.dirname(path.dirname(path.dirname(file))));
        if (entry.name === 'package.json' && (owner === 'node_modules' || (owner.startsWith('@') && scopeOwner === 'node_modules'))) packages += 1;
      }
    }
  };
  walk(path.join(prefix, 'node_modules'));
  return { tarballBytes: statSync(tarball).size, packages, bytes };
}
