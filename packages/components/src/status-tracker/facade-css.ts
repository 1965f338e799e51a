import { statusTrackerStyles } from './status-tracker.styles.ts';

/** The element's CSS as text, for its first state without Lit (the CDN build inlines the text). */
export default statusTrackerStyles.map((s) => s.cssText).join('\n');
