import type { ContrastResult } from './contrast.mjs';

export interface BuiltTheme {
  name: string;
  file: string;
  description: string;
  /** Flat map of custom property -> resolved value. */
  tokens: Record<string, string>;
  outputs: { file: string; css: string }[];
  contrast: ContrastResult[];
}
export interface BuildOptions {
  /** Theme files to build; default every tokens/*.tokens.json. */
  files?: string[];
  tokensDir?: string;
  baseFile?: string;
  outDir?: string;
  /** false: check only, write nothing. */
  write?: boolean;
}
export declare const defaults: Readonly<{ tokensDir: string; baseFile: string; outDir: string }>;
export declare function themeClassName(name: string): string;
export declare function themeFiles(tokensDir?: string): Promise<string[]>;
/** Throws (ContrastError or Error) and writes nothing when a theme is invalid or fails the contrast check. */
export declare function buildThemes(options?: BuildOptions): Promise<BuiltTheme[]>;
