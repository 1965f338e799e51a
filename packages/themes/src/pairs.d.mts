export interface ContrastPair {
  /** Human label used in build errors, e.g. "primary button text". */
  readonly label: string;
  /** Custom property drawn on top. */
  readonly fg: `--${string}`;
  /** Custom property underneath. */
  readonly bg: `--${string}`;
  readonly kind: 'text' | 'ui' | 'focus';
}
export declare const MIN_RATIO: Readonly<Record<ContrastPair['kind'], number>>;
export declare const pairs: readonly ContrastPair[];
