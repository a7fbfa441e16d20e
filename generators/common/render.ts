/**
 * The project the templates make for a model, in memory: every file by its path in the project.
 * The project holds the features its subscriptions need (packages/shared's features.ts), each a
 * folder of templates/: the core's files and theirs, every managed file under its header
 * (layout.ts), and the project's README, the core's, with each feature's README.md as a section.
 * Create writes it; add-filter and upgrade merge it into an existing project and record it as the
 * next base. One renderer for all, so that a file the user never touched is byte for byte what a
 * new project gets.
 */
import path from 'node:path';
import {
  destinationPath,
  managedHeader,
  projectFeatures,
  shippedFilterPattern,
  shippedModuleHeader,
  SHIPPED_MODULES_FOLDER,
  templateData,
  type Feature,
  type ProjectModel,
} from '@log-lambda/shared';
import ejs from 'ejs';
import { filterPatternSourcesRoot, listFiles, readTemplateFile, sharedSourcesRoot, shippedSharedModules, templatesRoot } from './templates.js';

/** The sample log lines per filter name, as test/fixtures/log-lines.json holds them. */
export type LogLinesFile = Record<string, unknown>;

/** A feature's README section: README.md in its folder (the core's is the project's README). */
const README = 'README.md';

export function renderProject(model: ProjectModel, logLines: LogLinesFile): Map<string, Buffer> {
  const features = projectFeatures(model);
  const data = { ...templateData(model), logLines };
  const render = (feature: Feature, file: string, extra: object = {}) => {
    const source = path.join(templatesRoot(feature), file);
    return ejs.render(readTemplateFile(source), { ...data, ...extra }, { filename: source });
  };
  const featureSections = features.filter((feature) => feature !== 'core').map((feature) => render(feature, README).trimEnd());
  const files = new Map<string, Buffer>();
  for (const feature of features) {
    for (const file of listFiles(templatesRoot(feature))) {
      if (feature !== 'core' && file === README) continue;
      const destination = destinationPath(file, model.projectName);
      files.set(destination, Buffer.from(`${managedHeader(destination) ?? ''}${render(feature, file, { featureSections })}`, 'utf8'));
    }
  }
  for (const [file, contents] of shippedModules()) files.set(file, contents);
  return files;
}

/** What a project carries in local/log-lambda/, each file under its "Do not edit" header: modules of @log-lambda/shared, and the filter-pattern matcher in one file. */
function shippedModules(): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const shared = sharedSourcesRoot();
  for (const file of shippedSharedModules) {
    files.set(`${SHIPPED_MODULES_FOLDER}/${file}`, Buffer.from(`${shippedModuleHeader(file)}${readTemplateFile(path.join(shared, file))}`, 'utf8'));
  }
  const matcher = filterPatternSourcesRoot();
  const sources = new Map(listFiles(matcher).map((file) => [file, readTemplateFile(path.join(matcher, file))]));
  files.set(`${SHIPPED_MODULES_FOLDER}/filter-pattern.ts`, Buffer.from(shippedFilterPattern(sources), 'utf8'));
  return files;
}
