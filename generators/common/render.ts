/**
 * The project the app templates make for a model, in memory: every file by its path in the
 * project. The app generator writes it; the upgrade merges it into an existing project and
 * records it as the next base. One renderer for both, so that an upgraded file the user never
 * touched is byte for byte what a new project gets.
 */
import path from 'node:path';
import { destinationPath, shippedFilterPattern, shippedModuleHeader, SHIPPED_MODULES_FOLDER, templateData, type ProjectModel } from '@log-lambda/shared';
import ejs from 'ejs';
import { filterPatternSourcesRoot, listFiles, readTemplateFile, sharedSourcesRoot, shippedSharedModules, templatesRoot } from './templates.js';

/** The sample log lines per filter name, as test/fixtures/log-lines.json holds them. */
export type LogLinesFile = Record<string, unknown>;

export function renderProject(model: ProjectModel, logLines: LogLinesFile): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const root = templatesRoot('app');
  const data = { ...templateData(model), logLines };
  for (const file of listFiles(root)) {
    const source = path.join(root, file);
    // As Yeoman's renderTemplate calls EJS: the file name lets a template include another.
    const rendered = ejs.render(readTemplateFile(source), data, { filename: source });
    files.set(destinationPath(file, model.projectName), Buffer.from(rendered, 'utf8'));
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
