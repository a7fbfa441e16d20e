/** Reading what a generated project's commands produced: its test run's summary, its synthesized template. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };

/**
 * How many tests a generated project's `npm test` ran (Node.js's test runner, whose summary ends
 * `# pass N` / `# fail 0` without a terminal). Throws unless at least one ran and none failed.
 */
export function passedTests(output: string): number {
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? Number.NaN);
  const passed = count('pass');
  if (!(passed > 0) || count('fail') !== 0 || count('cancelled') !== 0) throw new Error(`the tests did not all pass:\n${output}`);
  return passed;
}

/** The CloudFormation template of the project's stack, from the cdk.out its last synth wrote. */
export function synthesizedTemplate(project: string): Template {
  const manifest = JSON.parse(readFileSync(path.join(project, 'cdk.out', 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  const stacks = Object.values(manifest.artifacts).filter((artifact) => artifact.type === 'aws:cloudformation:stack');
  if (stacks.length !== 1) throw new Error(`expected one stack in ${project}/cdk.out, found ${stacks.length}`);
  return JSON.parse(readFileSync(path.join(project, 'cdk.out', stacks[0]!.properties!.templateFile!), 'utf8')) as Template;
}

export function resourcesOf(template: Template, type: string): Array<Record<string, unknown>> {
  return Object.values(template.Resources)
    .filter((resource) => resource.Type === type)
    .map((resource) => resource.Properties);
}
