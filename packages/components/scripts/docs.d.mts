/** The READMEs with generated tables, relative to the package folder. */
export const READMES: string[];
/** The README text with every `<!-- manifest:name:start/end -->` block rewritten from the manifest, prettier-formatted. */
export function render(text: string, manifest: unknown, file: string): Promise<string>;
/** The names of the blocks a README may ask for (element names without `dichtbij-`, `events`, `tokens`). */
export function blocks(manifest: unknown, theming?: string): Map<string, () => string>;
