import type { CSSResult } from 'lit';
import { DichtbijConfig } from './dichtbij-config.ts';

/** The config's CSS as text, for its first state without Lit (the CDN build inlines the text). */
export default (DichtbijConfig.styles as CSSResult).cssText;
