import type { Metafile } from 'esbuild';

export declare const leftOut: Readonly<Record<string, string>>;
export declare const neverBundled: readonly string[];
export declare function bundle(options?: { minify?: boolean }): Promise<{ code: Uint8Array; metafile: Metafile }>;
export declare function bundledPackages(metafile: Metafile): Array<{ folder: string; name: string; version: string }>;
export declare const COPYRIGHT_LINE: RegExp;
export declare function thirdPartyLicenses(metafile: Metafile): string;
