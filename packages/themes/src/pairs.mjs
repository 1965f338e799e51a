// The one list of colour pairs that every Dichtbij theme must meet (WCAG 2.2 AA).
// `fg` is drawn on `bg`; both are custom property names a theme defines.
//   text  4.5:1  (1.4.3 Contrast (Minimum), body-size text)
//   ui    3:1    (1.4.11 Non-text Contrast: control boundaries, markers, radio/checkbox)
//   focus 3:1    (1.4.11 / 2.4.7: the focus indicator against what surrounds it)
// A colour with alpha is composited over `bg`; a background with alpha over --dichtbij-background-color.
// Add a pair here when an element draws a new colour on another; the build checks every theme.

export const MIN_RATIO = Object.freeze({ text: 4.5, ui: 3, focus: 3 });

const BG = '--dichtbij-background-color';
const SURFACE = '--dichtbij-surface-background-color';

/** @typedef {{ label: string, fg: string, bg: string, kind: 'text' | 'ui' | 'focus' }} ContrastPair */

/** @type {readonly ContrastPair[]} */
export const pairs = Object.freeze([
  // Common text
  { label: 'body text on background', fg: '--dichtbij-text-color', bg: BG, kind: 'text' },
  { label: 'body text on surface', fg: '--dichtbij-text-color', bg: SURFACE, kind: 'text' },
  { label: 'muted text on background', fg: '--dichtbij-text-muted-color', bg: BG, kind: 'text' },
  { label: 'muted text on surface', fg: '--dichtbij-text-muted-color', bg: SURFACE, kind: 'text' },
  { label: 'link on background', fg: '--dichtbij-link-color', bg: BG, kind: 'text' },
  // Buttons
  {
    label: 'primary button text',
    fg: '--dichtbij-button-primary-color',
    bg: '--dichtbij-button-primary-background-color',
    kind: 'text',
  },
  {
    label: 'primary button text (hover)',
    fg: '--dichtbij-button-primary-color',
    bg: '--dichtbij-button-primary-hover-background-color',
    kind: 'text',
  },
  {
    label: 'primary button text (active)',
    fg: '--dichtbij-button-primary-color',
    bg: '--dichtbij-button-primary-active-background-color',
    kind: 'text',
  },
  { label: 'primary button on background', fg: '--dichtbij-button-primary-background-color', bg: BG, kind: 'ui' },
  { label: 'secondary button text on background', fg: '--dichtbij-button-secondary-color', bg: BG, kind: 'text' },
  {
    label: 'secondary button text (hover)',
    fg: '--dichtbij-button-secondary-color',
    bg: '--dichtbij-button-secondary-hover-background-color',
    kind: 'text',
  },
  {
    label: 'secondary button border on background',
    fg: '--dichtbij-button-secondary-border-color',
    bg: BG,
    kind: 'ui',
  },
  // Form controls
  { label: 'input text', fg: '--dichtbij-input-color', bg: '--dichtbij-input-background-color', kind: 'text' },
  { label: 'input border on background', fg: '--dichtbij-input-border-color', bg: BG, kind: 'ui' },
  {
    label: 'input border on input background',
    fg: '--dichtbij-input-border-color',
    bg: '--dichtbij-input-background-color',
    kind: 'ui',
  },
  { label: 'control border on background', fg: '--dichtbij-border-color', bg: BG, kind: 'ui' },
  { label: 'radio/checkbox accent on background', fg: '--dichtbij-accent-color', bg: BG, kind: 'ui' },
  // Focus indicator
  { label: 'focus ring on background', fg: '--dichtbij-focus-outline-color', bg: BG, kind: 'focus' },
  { label: 'focus ring on surface', fg: '--dichtbij-focus-outline-color', bg: SURFACE, kind: 'focus' },
  {
    label: 'focus ring on chat panel',
    fg: '--dichtbij-focus-outline-color',
    bg: '--dichtbij-chat-launcher-panel-background-color',
    kind: 'focus',
  },
  // Messages
  {
    label: 'error text on error box',
    fg: '--dichtbij-error-color',
    bg: '--dichtbij-error-background-color',
    kind: 'text',
  },
  { label: 'error text on background', fg: '--dichtbij-error-color', bg: BG, kind: 'text' },
  {
    label: 'success text on success box',
    fg: '--dichtbij-success-color',
    bg: '--dichtbij-success-background-color',
    kind: 'text',
  },
  {
    label: 'warning text on warning box',
    fg: '--dichtbij-warning-color',
    bg: '--dichtbij-warning-background-color',
    kind: 'text',
  },
  { label: 'info text on info box', fg: '--dichtbij-info-color', bg: '--dichtbij-info-background-color', kind: 'text' },
  // <dichtbij-feedback>
  {
    label: 'feedback selected option text',
    fg: '--dichtbij-feedback-option-selected-color',
    bg: '--dichtbij-feedback-option-selected-background-color',
    kind: 'text',
  },
  { label: 'feedback option border on background', fg: '--dichtbij-feedback-option-border-color', bg: BG, kind: 'ui' },
  {
    label: 'feedback selected option on background',
    fg: '--dichtbij-feedback-option-selected-background-color',
    bg: BG,
    kind: 'ui',
  },
  // <dichtbij-bel-me>
  { label: 'bel-me "open" text on background', fg: '--dichtbij-bel-me-open-color', bg: BG, kind: 'text' },
  { label: 'bel-me "closed" text on background', fg: '--dichtbij-bel-me-closed-color', bg: BG, kind: 'text' },
  // <dichtbij-status-tracker>
  {
    label: 'status step done marker text',
    fg: '--dichtbij-status-tracker-step-done-color',
    bg: '--dichtbij-status-tracker-step-done-background-color',
    kind: 'text',
  },
  {
    label: 'status step current marker text',
    fg: '--dichtbij-status-tracker-step-current-color',
    bg: '--dichtbij-status-tracker-step-current-background-color',
    kind: 'text',
  },
  {
    label: 'status step upcoming marker text',
    fg: '--dichtbij-status-tracker-step-upcoming-color',
    bg: '--dichtbij-status-tracker-step-upcoming-background-color',
    kind: 'text',
  },
  {
    label: 'status step done marker on background',
    fg: '--dichtbij-status-tracker-step-done-background-color',
    bg: BG,
    kind: 'ui',
  },
  {
    label: 'status step current marker on background',
    fg: '--dichtbij-status-tracker-step-current-background-color',
    bg: BG,
    kind: 'ui',
  },
  {
    label: 'status step upcoming marker border on background',
    fg: '--dichtbij-status-tracker-step-upcoming-border-color',
    bg: BG,
    kind: 'ui',
  },
  // <dichtbij-chat-launcher>
  {
    label: 'chat launcher text',
    fg: '--dichtbij-chat-launcher-color',
    bg: '--dichtbij-chat-launcher-background-color',
    kind: 'text',
  },
  {
    label: 'chat launcher text (hover)',
    fg: '--dichtbij-chat-launcher-color',
    bg: '--dichtbij-chat-launcher-hover-background-color',
    kind: 'text',
  },
  { label: 'chat launcher on background', fg: '--dichtbij-chat-launcher-background-color', bg: BG, kind: 'ui' },
  {
    label: 'chat agent message text',
    fg: '--dichtbij-chat-launcher-message-agent-color',
    bg: '--dichtbij-chat-launcher-message-agent-background-color',
    kind: 'text',
  },
  {
    label: 'chat resident message text',
    fg: '--dichtbij-chat-launcher-message-resident-color',
    bg: '--dichtbij-chat-launcher-message-resident-background-color',
    kind: 'text',
  },
  {
    label: 'chat panel text',
    fg: '--dichtbij-text-color',
    bg: '--dichtbij-chat-launcher-panel-background-color',
    kind: 'text',
  },
]);
