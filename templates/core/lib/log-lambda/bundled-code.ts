import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AssetHashType, DockerImage, type ILocalBundling } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';

/**
 * A function's code: `entry` and what it imports, bundled by esbuild into index.mjs (minified
 * ESM for Node.js 24, the AWS SDK left to the Lambda runtime) and its source map, without the
 * sources' text. Give it to a NodejsFunction as `code`, with `handler: 'index.<export>'`.
 *
 * NodejsFunction's own bundling makes the same file, but starts esbuild through the package
 * manager (npx --no-install esbuild, pnpm exec, yarn run, bun run) on every synth, which takes
 * longer than the bundling; this calls esbuild's API in the synth's own process.
 */
export function bundledCode(entry: string, files: Readonly<Record<string, string>> = {}): Code {
  return Code.fromAsset(path.dirname(entry), {
    // Hashed by what is deployed: a change in src/ that changes nothing in the bundle deploys nothing.
    assetHashType: AssetHashType.OUTPUT,
    // Never pulled: esbuild always bundles here, or the synth stops with how to install it.
    bundling: { image: DockerImage.fromRegistry('dummy'), local: new EsbuildBundling(entry, files) },
  });
}

/** esbuild's options are fields: aws-cdk-lib tells one asset's bundling from another's by them. */
class EsbuildBundling implements ILocalBundling {
  readonly external = ['@aws-sdk/*'];
  readonly target = 'node24';

  /** `files`: more files written beside index.mjs, by name (configuration the function reads). */
  constructor(
    readonly entry: string,
    readonly files: Readonly<Record<string, string>>,
  ) {}

  tryBundle(outputDir: string): boolean {
    for (const [name, text] of Object.entries(this.files)) writeFileSync(path.join(outputDir, name), text);
    esbuild().buildSync({
      entryPoints: [this.entry],
      outfile: path.join(outputDir, 'index.mjs'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: this.target,
      mainFields: ['module', 'main'],
      external: this.external,
      minify: true,
      sourcemap: true,
      sourcesContent: false,
      logLevel: 'warning',
    });
    return true;
  }
}

/** esbuild's API, loaded when a synth bundles (tests that skip bundling never load it). */
function esbuild(): typeof import('esbuild') {
  try {
    return createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  } catch (error) {
    throw new Error(`esbuild bundles the functions at synth and is not installed: install the project's dependencies (${(error as Error).message.split('\n')[0]})`);
  }
}
