// read-package-up finds the package.json above a generator's file, for the name that keys
// .yo-rc.json and the generator's version. Our generator is registered with that package.json
// given (generate.ts: getPackageJson), so nothing is searched for on disk.
import { leftOut } from './left-out.js';

export const readPackageUpSync = leftOut('read-package-up', "finds a generator's package.json on disk");
export const readPackageUp = readPackageUpSync;
