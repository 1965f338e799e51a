import type { ContrastPair } from './pairs.mjs';

export interface TokenInfo {
  path: string[];
  /** DTCG $type: color, dimension, fontFamily, fontWeight, number, strokeStyle, … */
  type: string;
}
export interface Catalogue {
  tokens: Map<string, TokenInfo>;
  /** Literal base values (no references). */
  base: Record<string, string>;
  /** Base tokens that follow another token: name -> referenced name. */
  refs: Map<string, string>;
  /** The tokens a theme file defines. */
  themeSet: string[];
  /** NL DS custom property -> the Dichtbij tokens the voorbeeld theme fills from it. */
  aliases: Map<string, string[]>;
}
export type Supports = (property: string, value: string) => boolean;
export type Rejection = { name: string; value: string; reason: 'unknown-token' | 'unsafe' | 'invalid' };
export interface StudioField {
  id: string;
  kind: 'color' | 'font' | 'length' | 'style';
  tokens: readonly `--dichtbij-${string}`[];
  derive?: boolean;
}
export interface PairResult {
  pair: ContrastPair;
  ratio: number;
  min: number;
  fgValue: string;
  bgValue: string;
  pass: boolean;
  /** The nearest passing colour for `pair.fg`, when the pair fails and one exists. */
  suggestion?: { colour: string; ratio: number };
}

export declare function createCatalogue(files: { base: object; themes: object[]; nlds?: object }): Catalogue;
export declare function resolveTokens(catalogue: Catalogue, values: Record<string, string>): Record<string, string>;
export declare function startValues(catalogue: Catalogue, resolved: Record<string, string>): Record<string, string>;
export declare function fallbackSupports(property: string, value: string): boolean;
export declare function checkValue(
  catalogue: Catalogue,
  name: string,
  value: string,
  supports?: Supports,
): { ok: true; value: string } | { ok: false; reason: Rejection['reason'] };
export declare function setValues(
  catalogue: Catalogue,
  values: Record<string, string>,
  changes: Record<string, string>,
  supports?: Supports,
): { values: Record<string, string>; rejected: Rejection | undefined };
export declare const STUDIO_FIELDS: readonly StudioField[];
export declare const FOCUS_STYLES: readonly string[];
export declare function derivedShades(primary: string): Record<string, string>;
export declare function fieldValue(
  catalogue: Catalogue,
  values: Record<string, string>,
  fieldId: string,
): string | undefined;
export declare function applyField(
  catalogue: Catalogue,
  values: Record<string, string>,
  fieldId: string,
  value: string,
  supports?: Supports,
): { values: Record<string, string>; rejected: Rejection | undefined };
export declare function parseThemeCss(
  catalogue: Catalogue,
  text: string,
  supports?: Supports,
): {
  values: Record<string, string>;
  applied: { name: string; token: string; value: string }[];
  rejected: { name: string; value: string; reason: string }[];
  ignored: string[];
};
export declare function contrastReport(
  catalogue: Catalogue,
  values: Record<string, string>,
): {
  tokens: Record<string, string>;
  pairs: PairResult[];
  failing: PairResult[];
  problems: { theme: string; message: string }[];
};
export declare function themeNameFrom(text: string): string;
export declare function toDtcg(
  catalogue: Catalogue,
  values: Record<string, string>,
  options?: { description?: string },
): Record<string, unknown>;
export declare function toCss(
  catalogue: Catalogue,
  values: Record<string, string>,
  options: { name: string; root?: boolean },
): string;
export declare const MIN_RATIO: Readonly<Record<ContrastPair['kind'], number>>;
