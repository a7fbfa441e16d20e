/**
 * Everything a template may use: values derived from the project model, and the escaping helpers,
 * which are the only way a user's value reaches a generated file.
 */
import { recommendedFeatureFlags } from './cdk-feature-flags.js';
import { json, mdCode, mdLineCode, mdTable, mermaidText, shellArg, tsField, tsString } from './escape.js';
import { DEFAULT_MAX_FILTERS_PER_LOG_GROUP, isNamed, isPrefix, type ProjectModel, type StackSettings, type Subscription } from './model.js';
import { functionLogGroupName, OWN_LOG_GROUP_MARKER, stackName } from './naming.js';
import { featureDependencies, projectFeatures, type Feature } from './features.js';
import { lambdaRuntime } from './versions.js';
import { projectPrettierConfig } from './formatting.js';

export function templateData(model: ProjectModel) {
  const features = projectFeatures(model);
  return {
    projectName: model.projectName,
    stackName: stackName(model.projectName),
    functionLogGroupName: functionLogGroupName(model.projectName),
    ownLogGroupMarker: OWN_LOG_GROUP_MARKER,
    subscriptions: model.subscriptions,
    /** A log group the first subscription covers, for examples. */
    exampleLogGroup: exampleLogGroup(model.subscriptions[0]),
    maxFiltersPerLogGroup: model.maxFiltersPerLogGroup,
    alarmEmail: model.alarmEmail,
    /** cdk.json's context: the stack's settings, then aws-cdk-lib's recommended feature flags. */
    cdkContext: { ...contextSettings(model, features), ...recommendedFeatureFlags },
    /** The project's features, in rendering order; `has(...features)`: whether it holds one of them. */
    features,
    has: (...some: Feature[]) => some.some((feature) => features.includes(feature)),
    ...featureDependencies(features),
    lambdaRuntime,
    prettierConfig: projectPrettierConfig,
    tsString,
    tsField,
    json,
    mdCode,
    mdLineCode,
    mdTable,
    mermaidText,
    shellArg,
  };
}

export type TemplateData = ReturnType<typeof templateData>;

/**
 * The settings cdk.json's context holds for the stack: the alarm email, when there is one; the
 * filter quota where filters are put on log groups (by name, by prefix); the excluded log groups
 * where the stack subscribes groups it does not name (by prefix, the account), [] to show where;
 * and any the user set to other than its default.
 */
function contextSettings(model: ProjectModel, features: readonly Feature[]): Partial<StackSettings> {
  const has = (...some: Feature[]) => features.some((feature) => some.includes(feature));
  const { alarmEmail, maxFiltersPerLogGroup, excludedLogGroups = [] } = model;
  return {
    ...(alarmEmail !== undefined && { alarmEmail }),
    ...((has('named', 'prefix') || maxFiltersPerLogGroup !== DEFAULT_MAX_FILTERS_PER_LOG_GROUP) && { maxFiltersPerLogGroup }),
    ...((has('prefix', 'account') || excludedLogGroups.length > 0) && { excludedLogGroups }),
  };
}

function exampleLogGroup(subscription: Subscription | undefined): string {
  if (subscription && isNamed(subscription)) return subscription.logGroupName;
  if (subscription && isPrefix(subscription)) return `${subscription.logGroupNamePrefix}example`;
  return '/aws/lambda/example';
}

/**
 * Where a template file lands in the project: `__name__` becomes the project name, and a leading
 * `_` on a dotfile becomes `.` (npm drops `.gitignore` from published packages).
 */
export function destinationPath(templatePath: string, projectName: string): string {
  return templatePath
    .split('/')
    .map((part) => part.replace(/__name__/g, projectName).replace(/^_(gitignore|npmrc|prettierignore)$/, '.$1'))
    .join('/');
}

/** A folder counts as empty when it holds nothing, or only a `.git` folder. */
export function isEmptyFolder(entries: readonly string[]): boolean {
  return entries.every((entry) => entry === '.git');
}
