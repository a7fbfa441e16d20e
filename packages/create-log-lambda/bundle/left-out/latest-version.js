// latest-version asks the npm registry for a package's latest version, for yeoman-generator's
// addDependencies without a version. Generated projects pin every version
// (packages/shared/src/versions.ts): nothing is looked up while generating.
import { leftOut } from './left-out.js';

export default leftOut('latest-version', 'asks the npm registry for versions');
