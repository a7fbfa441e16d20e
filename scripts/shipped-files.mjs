// The folders both packages ship beside their generators, at the same relative paths: the
// templates, and the sources of @log-lambda/shared and @log-lambda/filter-pattern, which go into
// generated projects' local/log-lambda/ (generators/common/templates.ts). generator-log-lambda
// copies them into dist/ (scripts/build.mjs); create-log-lambda embeds them in its one file (its
// build.mjs).
export const shippedFolders = ['templates', 'packages/shared/src', 'packages/filter-pattern/src'];
