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
/** True when the value parses as a CSS colour. */
export declare function isColour(value: string): boolean;
export declare function roundRatio(ratio: number): number;
/** WCAG contrast ratio of two CSS colours; translucent colours are composited over `backdrop`. */
export declare function contrastRatio(fg: string, bg: string, backdrop?: string): number;
export declare function checkThemeContrast(
  theme: string,
  tokens: Record<string, string>,
  pairs?: readonly ContrastPair[],
): { results: ContrastResult[]; problems: ThemeProblem[] };
/**
 * The passing colour nearest to `fg` on `bg` (only the OKLCH lightness moves, darker or lighter, as little as
 * possible), as hex with its rounded ratio; undefined when no lightness of that hue reaches `min`.
 */
export declare function nearestPassingColour(
  fg: string,
  bg: string,
  min: number,
  backdrop?: string,
): { colour: string; ratio: number } | undefined;
export declare function formatFailure(result: ContrastResult): string;
export declare class ContrastError extends Error {
  constructor(problems: ThemeProblem[]);
  problems: ThemeProblem[];
}
