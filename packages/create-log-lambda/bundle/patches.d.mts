import type { Plugin } from 'esbuild';

export interface Patch {
  package: string;
  file: string;
  edits: Array<[from: string, to: (found: { name: string; version: string }) => string]>;
}

export declare const patches: readonly Patch[];
export declare const patchLibraries: Plugin;
export declare function escapeRegExp(text: string): string;
export declare function packageOf(file: string): { folder: string; name: string; version: string };
