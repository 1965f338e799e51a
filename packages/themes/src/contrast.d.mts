import type { ContrastPair } from './pairs.mjs';

export interface ContrastResult {
  theme: string;
  pair: ContrastPair;
  /** Rounded down to two decimals. */
  ratio: number;
  min: number;
  fgValue: string;
  bgValue: string;
}
export interface ThemeProblem {
  theme: string;
  message: string;
}
export declare function roundRatio(ratio: number): number;
/** WCAG contrast ratio of two CSS colours; translucent colours are composited over `backdrop`. */
export declare function contrastRatio(fg: string, bg: string, backdrop?: string): number;
export declare function checkThemeContrast(
  theme: string,
  tokens: Record<string, string>,
  pairs?: readonly ContrastPair[],
): { results: ContrastResult[]; problems: ThemeProblem[] };
export declare function formatFailure(result: ContrastResult): string;
export declare class ContrastError extends Error {
  constructor(problems: ThemeProblem[]);
  problems: ThemeProblem[];
}
