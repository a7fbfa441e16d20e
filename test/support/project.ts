/** Reading a generated project: its subscriptions as log-lambda reads them, what its test run and its synth produced. */
import { appendFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Subscription } from '../../packages/shared/src/index.js';
import { readSubscriptionsSource } from '../../packages/shared/src/subscriptions-source.js';

const repository = path.resolve(import.meta.dirname, '../..');

/**
 * Gives a project that was not installed the TypeScript its install would bring (create-log-lambda
 * --upgrade reads lib/subscriptions.ts with the project's own): the version projects pin, which
 * this repository pins too, linked from ours.
 */
export function linkProjectTypeScript(project: string): void {
  mkdirSync(path.join(project, 'node_modules'), { recursive: true });
  symlinkSync(path.join(repository, 'node_modules/typescript'), path.join(project, 'node_modules/typescript'), 'dir');
}

/** The subscriptions in a subscriptions.ts text. */
export function subscriptionsInText(text: string): Subscription[] {
  const read = readSubscriptionsSource(text);
  if (typeof read === 'string') throw new Error(read);
  return read.subscriptions;
}

/** The subscriptions of the project in `project`. */
export function subscriptionsIn(project: string): Subscription[] {
  return subscriptionsInText(readFileSync(path.join(project, 'lib/subscriptions.ts'), 'utf8'));
}

/** Its `.yo-rc.json` settings. */
export function settingsOf(project: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(project, '.yo-rc.json'), 'utf8'))['generator-log-lambda'];
}

/** A synthesized CloudFormation template, as far as the tests read it. */
export type Template = { Resources: Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }> };

/**
 * How many tests a generated project's `npm test` passed: Node.js's test runner, whose spec report
 * ends `ℹ pass N`, `ℹ fail N`, `ℹ cancelled N`. Throws unless some passed and none failed or was
 * cancelled (a file that could not load fails the run's exit code, which run() checks).
 */
export function passedTests(output: string): number {
  const count = (name: string) => Number(new RegExp(`^ℹ ${name} (\\d+)$`, 'm').exec(output)?.[1] ?? Number.NaN);
  const passed = count('pass');
  if (!(passed > 0) || count('fail') !== 0 || count('cancelled') !== 0) throw new Error(`the tests did not all pass:\n${output}`);
  return passed;
}

/** The template of the project's one stack, from the cdk.out (or `outdir`) its last synth wrote. */
export function synthesizedTemplate(project: string, outdir = 'cdk.out'): Template {
  const folder = path.join(project, outdir);
  const manifest = JSON.parse(readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as {
    artifacts: Record<string, { type: string; properties?: { templateFile?: string } }>;
  };
  const stacks = Object.values(manifest.artifacts).filter((artifact) => artifact.type === 'aws:cloudformation:stack');
  if (stacks.length !== 1) throw new Error(`expected one stack in ${folder}, found ${stacks.length}`);
  return JSON.parse(readFileSync(path.join(folder, stacks[0]!.properties!.templateFile!), 'utf8')) as Template;
}

/** The properties of each resource of `type`. */
export function resourcesOf(template: Template, type: string): Array<Record<string, unknown>> {
  return Object.values(template.Resources)
    .filter((resource) => resource.Type === type)
    .map((resource) => resource.Properties);
}

/**
 * Runs `action` while the project's app gives each log group a property CloudFormation does not
 * know (RetentionDays, for RetentionInDays): cdk synth lets it through, aws-cdk-lib's
 * CloudFormation validation refuses it. The app is put back afterwards.
 */
export function withUnknownProperty<T>(project: string, action: () => T): T {
  const [name] = readdirSync(path.join(project, 'bin')).filter((file) => file.endsWith('.ts'));
  const bin = path.join(project, 'bin', name!);
  const original = readFileSync(bin, 'utf8');
  appendFileSync(
    bin,
    "import { CfnResource } from 'aws-cdk-lib';\n" +
      "for (const c of app.node.findAll()) if (c instanceof CfnResource && c.cfnResourceType === 'AWS::Logs::LogGroup') c.addPropertyOverride('RetentionDays', 30);\n",
  );
  try {
    return action();
  } finally {
    writeFileSync(bin, original);
  }
}
