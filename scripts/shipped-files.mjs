// The folders both packages ship beside their generators, at the same relative paths: the
// templates, and @log-lambda/shared's sources, some of which go into generated projects' local/
// (generators/common/templates.ts). generator-log-lambda copies them into dist/
// (scripts/build.mjs); create-log-lambda embeds them in its one file (its build.mjs).
export const shippedFolders = ['templates', 'packages/shared/src'];
