/** The publishable packages, by folder under packages/. */
export declare const PACKAGES: string[];
/** Packs every package into `dest` (default .tmp/packs); returns the tarball path by package name. */
export declare function pack(dest?: string): Record<string, string>;
