import { styles } from './bel-me.styles.ts';

/** The element's CSS as text, for its first state without Lit (the CDN build inlines the text). */
export default styles.map((s) => s.cssText).join('\n');
