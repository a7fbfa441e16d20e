/**
 * A generated project is made of features, each a folder of templates/ (its files, tests and
 * README section) and what it adds to package.json. A project holds only the features its
 * subscriptions need: the core always, and one feature per kind of subscription in
 * lib/subscriptions.ts. Adding the first prefix brings the prefix feature in; an upgrade renders
 * the same set, from the subscriptions the project holds.
 */
import { isAccount, isNamed, isPrefix, type ProjectModel, type Subscription } from './model.js';
import { prefixDevDependencies, projectDependencies, projectDevDependencies } from './versions.js';

/** Every feature, in the order a project's files are rendered (templates/<feature>/). */
export const FEATURES = ['core', 'named', 'prefix', 'account'] as const;

export type Feature = (typeof FEATURES)[number];

export interface FeatureDefinition {
  /** What the feature holds, for people. */
  readonly summary: string;
  /** The subscriptions that need it; the core is in every project. */
  readonly needed?: (subscription: Subscription) => boolean;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

export const featureDefinitions: Record<Feature, FeatureDefinition> = {
  core: {
    summary: 'the function, its failure queue, alarms and settings, npm run invoke and npm run redrive, and their tests',
    dependencies: projectDependencies,
    devDependencies: projectDevDependencies,
  },
  named: { summary: 'subscription filters on log groups named in lib/subscriptions.ts', needed: isNamed },
  prefix: { summary: 'the prefix subscriber, which keeps every log group under a prefix subscribed', needed: isPrefix, devDependencies: prefixDevDependencies },
  account: { summary: 'the account-level subscription filter policy', needed: isAccount },
};

/** The features a project with these subscriptions holds, in rendering order. */
export function projectFeatures({ subscriptions }: Pick<ProjectModel, 'subscriptions'>): Feature[] {
  return FEATURES.filter((feature) => {
    const { needed } = featureDefinitions[feature];
    return needed === undefined || subscriptions.some(needed);
  });
}

/** The package.json dependencies of these features, each list sorted by name. */
export function featureDependencies(features: readonly Feature[]): { dependencies: Record<string, string>; devDependencies: Record<string, string> } {
  const merged = (key: 'dependencies' | 'devDependencies') =>
    Object.fromEntries(features.flatMap((feature) => Object.entries(featureDefinitions[feature][key] ?? {})).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { dependencies: merged('dependencies'), devDependencies: merged('devDependencies') };
}
