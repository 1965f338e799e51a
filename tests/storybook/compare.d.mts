export declare const THRESHOLD: number;
export declare const MAX_DIFF_PIXELS: number;
export declare function comparePng(
  expected: Buffer,
  actual: Buffer,
): { same: boolean; diffPixels: number; reason?: string; diff?: Buffer };
