// commander parses command lines for yeoman-environment's own commands (`yoe`, and generators run
// through env.execute). create-log-lambda parses its command line with node:util's parseArgs and
// hands the generator its arguments (src/command-line.ts).
import { leftOut } from './left-out.js';

const parse = leftOut('commander', "parses the command lines of Yeoman's own commands");

export class Command {
  constructor() {
    parse();
  }
}

export class Option {
  constructor() {
    parse();
  }
}
