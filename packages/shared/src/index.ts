export { InputError, isInputError } from './input-error.js';
export { linkOnTheWay, readContained, refuseLinks, removeContained, writeContained } from './contained.js';
export {
  ALARM_EMAIL_MAX,
  checkAlarmEmail,
  checkFilterName,
  checkFilterPattern,
  checkLogGroupName,
  checkLogGroupPrefix,
  checkProjectName,
  FILTER_NAME_MAX,
  LOG_GROUP_NAME_MAX,
  PROJECT_NAME_MAX,
  STACK_NAME_MAX,
  type Check,
} from './validate.js';
export { json, mdCode, mdLineCode, mermaidText, shellArg, shellFor, tsString, type Shell } from './escape.js';
export { recommendedFeatureFlags } from './cdk-feature-flags.js';
export { MAX_STACK_RESOURCES, stackResourceCount, type StackResourceOptions } from './stack-resources.js';
export { defaultFilterName, functionLogGroupName, OWN_LOG_GROUP_MARKER, pascalCase, slug, stackName } from './naming.js';
export {
  addSubscription,
  DEFAULT_MAX_FILTERS_PER_LOG_GROUP,
  emptyModel,
  isAccount,
  isNamed,
  isPrefix,
  projectSettings,
  stackSettings,
  subscriptionTarget,
  type AccountSubscription,
  type NamedSubscription,
  type PrefixSubscription,
  UNRECORDED_GENERATOR_VERSION,
  type ProjectModel,
  type ProjectSettings,
  type StackSettings,
  type YoRcEntry,
  type Subscription,
} from './model.js';
export {
  appQuestions,
  filterQuestions,
  prefixOf,
  resolveAnswers,
  subscriptionFromAnswers,
  type AnswerCheck,
  type Answers,
  type Ask,
  type Question,
  type QuestionContext,
  type ResolveOptions,
} from './questions.js';
export { deployNotes } from './deploy-notes.js';
export { projectPrettierConfig } from './formatting.js';
export { lambdaRuntime, prefixDevDependencies, projectDependencies, projectDevDependencies } from './versions.js';
export { featureDefinitions, featureDependencies, FEATURES, projectFeatures, type Feature, type FeatureDefinition } from './features.js';
export { isManagedFile, isUserFile, MANAGED_NOTICE, managedHeader, USER_FILES, USER_FUNCTION_FILE } from './layout.js';
export * from '@log-lambda/filter-pattern';
export { destinationPath, isEmptyFolder, templateData, type TemplateData } from './template-data.js';
export {
  cdCommand,
  checkPackageManager,
  detectPackageManager,
  InstallError,
  nextSteps,
  packageManagerOfLockFile,
  packageManagers,
  runScript,
  type PackageManager,
} from './package-manager.js';
export { holdsLogLambdaProject, parseSettings, readProjectSettings, replaceManagedRegion, STALE_YO_RC_KEYS, YO_RC_KEY } from './project-file.js';
export {
  batchLogEvents,
  decodeLogsEvent,
  encodeLogsEvent,
  eventId,
  filterLogEventsOf,
  INPUT_FORMATS,
  MAX_BATCH_BYTES,
  MAX_BATCH_EVENTS,
  messagesOf,
  parseInput,
  type BatchKey,
  type InputEvent,
  type InputFormat,
  type LogEvent,
  type LogsEvent,
  type LogsPayload,
} from './delivery.js';
export { applicationLogLevel, formatJsonLine, LOG_LEVELS, useLambdaConsole, type LambdaConsoleOptions, type LogLevel } from './lambda-console.js';
export { addFilterFlags, appFlags, directoryArgument, questionFlag, runFlags, toArgv, upgradeDirectoryArgument, upgradeFlags, type Flag } from './flags.js';
export { isShippedModule, shippedFilterPattern, shippedModuleHeader, SHIPPED_MODULES_FOLDER } from './shipped-modules.js';
export { compareVersions, isExactVersion } from './version.js';
export { forwardedLine, forwards, regexExample, sampleLogLines, type LogLines } from './sample-log-lines.js';
