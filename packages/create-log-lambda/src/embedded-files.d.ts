/**
 * A module the build makes (build.mjs): the files generated projects are made from, as
 * `{ 'templates/core/package.json': '…', 'packages/shared/src/delivery.ts': '…' }`, keyed by their
 * path in the repository.
 */
declare module 'log-lambda:embedded-files' {
  const files: Readonly<Record<string, string>>;
  export default files;
}
