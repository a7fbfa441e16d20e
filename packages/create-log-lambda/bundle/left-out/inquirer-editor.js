// @inquirer/editor is the prompt that opens $EDITOR for a long answer (and brings a character-set
// converter with it). Every question of log-lambda is a line of input or a yes/no.
import { leftOut } from './left-out.js';

export default leftOut('@inquirer/editor', 'opens an editor for a prompt');
