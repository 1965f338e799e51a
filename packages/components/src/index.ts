// Class modules only (no side effects). Import '@dichtbij/components/<element>' to define one.
export { DichtbijConfig } from './config/dichtbij-config.ts';
export { DichtbijElement } from './shared/dichtbij-element.ts';
export { defineElement } from './shared/define.ts';
export type { SubmittedDetail, ErrorDetail, HandoffDetail, UnreadDetail } from './shared/events.ts';
