// fly-import installs generators from a registry into a local repository, with npm's arborist and
// pacote: yeoman-environment's `installLocalGenerators` and `--experimental` lookups. We register
// our one generator directly. yeoman-environment constructs a FlyRepository for every environment,
// so constructing one works; using it does not.
import { leftOut } from './left-out.js';

const install = leftOut('fly-import', 'installs generators from a registry');

export class FlyRepository {
  constructor({ repositoryPath } = {}) {
    this.repositoryPath = repositoryPath;
  }

  install = install;
  resolve = install;
  import = install;
}

export const flyImport = install;
