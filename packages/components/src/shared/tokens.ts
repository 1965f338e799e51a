/**
 * The Dichtbij token registry: every public `--dichtbij-*` custom property the elements read,
 * with its ONE fallback chain:
 *
 *   --dichtbij-{name}  ->  NL Design System tokens (--nl-* / --utrecht-* component tokens, then --basis-*)  ->  safe default
 *
 * - A page with a Dichtbij theme (@dichtbij/themes, class `dichtbij-theme--{name}`) sets the first link.
 * - A page with only its NL DS theme (e.g. `.voorbeeld-theme`, `.utrecht-theme`) is picked up by the NL DS links.
 * - A page with neither gets the safe defaults, which meet WCAG AA among themselves (tests/node/themes.test.ts
 *   runs the themes' contrast pairs over them).
 *
 * Element-specific tokens (`--dichtbij-{element}-…`) fall back to a common token's whole chain (`via`).
 * This module is data only (no Lit), so node tests and the themes build can read it; styles.ts turns it into CSS.
 */

export type CustomProperty = `--${string}`;

export interface TokenChain {
  /** The public Dichtbij custom property. */
  readonly name: `--dichtbij-${string}`;
  /** What to read when the Dichtbij token is not set, first match wins (NL DS tokens, or a common Dichtbij token). */
  readonly fallbacks: readonly CustomProperty[];
  /** Safe default when nothing in the chain is set. */
  readonly value: string;
}

const token = (name: `--dichtbij-${string}`, fallbacks: readonly CustomProperty[], value: string): TokenChain => ({
  name,
  fallbacks,
  value,
});

/** An element token that falls back to a common token and everything after it. */
const via = (name: `--dichtbij-${string}`, common: TokenChain, ...extra: CustomProperty[]): TokenChain => ({
  name,
  fallbacks: [common.name, ...extra, ...common.fallbacks],
  value: common.value,
});

// ── Common tokens ──────────────────────────────────────────────────────────────────────────────────
export const textColor = /* @__PURE__ */ token(
  '--dichtbij-text-color',
  ['--utrecht-document-color', '--basis-color-default-color-document'],
  '#1b1b1f',
);
export const textMutedColor = /* @__PURE__ */ token(
  '--dichtbij-text-muted-color',
  ['--basis-color-default-color-subtle'],
  '#595959',
);
export const backgroundColor = /* @__PURE__ */ token(
  '--dichtbij-background-color',
  ['--utrecht-document-background-color', '--basis-color-default-bg-document'],
  '#ffffff',
);
export const surfaceBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-surface-background-color',
  ['--basis-color-default-bg-subtle'],
  '#f3f4f6',
);
export const borderColor = /* @__PURE__ */ token(
  '--dichtbij-border-color',
  ['--basis-form-control-border-color'],
  '#6b6b6b',
);
export const textFontFamily = /* @__PURE__ */ token(
  '--dichtbij-text-font-family',
  ['--utrecht-document-font-family', '--basis-text-font-family-default'],
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
);
export const buttonPrimaryBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-button-primary-background-color',
  [
    '--nl-button-primary-background-color',
    '--utrecht-button-primary-action-background-color',
    '--basis-color-action-1-inverse-bg-default',
  ],
  '#1a4d8f',
);
export const buttonPrimaryColor = /* @__PURE__ */ token(
  '--dichtbij-button-primary-color',
  [
    '--nl-button-primary-color',
    '--utrecht-button-primary-action-color',
    '--basis-color-action-1-inverse-color-default',
  ],
  '#ffffff',
);
export const buttonPrimaryHoverBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-button-primary-hover-background-color',
  [
    '--nl-button-primary-hover-background-color',
    '--utrecht-button-primary-action-hover-background-color',
    '--basis-color-action-1-inverse-bg-hover',
  ],
  '#143d72',
);
export const successColor = /* @__PURE__ */ token(
  '--dichtbij-success-color',
  ['--utrecht-alert-ok-color', '--basis-color-positive-color-document'],
  '#19592a',
);
export const infoBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-info-background-color',
  ['--utrecht-alert-info-background-color', '--basis-color-info-bg-default'],
  '#e7f0f9',
);

// Text and surfaces
export const borderWidth = /* @__PURE__ */ token(
  '--dichtbij-border-width',
  ['--basis-form-control-border-width'],
  '1px',
);
export const borderRadius = /* @__PURE__ */ token('--dichtbij-border-radius', ['--basis-border-radius-md'], '4px');
export const accentColor = /* @__PURE__ */ token(
  '--dichtbij-accent-color',
  ['--basis-form-control-accent-color'],
  '#1a4d8f',
);
export const linkColor = /* @__PURE__ */ token(
  '--dichtbij-link-color',
  ['--nl-link-color', '--utrecht-link-color'],
  '#1a4d8f',
);
// Typography
export const textFontSize = /* @__PURE__ */ token(
  '--dichtbij-text-font-size',
  ['--utrecht-document-font-size', '--basis-text-font-size-md'],
  '1rem',
);
export const textLineHeight = /* @__PURE__ */ token(
  '--dichtbij-text-line-height',
  ['--utrecht-document-line-height', '--basis-text-line-height-md'],
  '1.5',
);
export const textFontWeightBold = /* @__PURE__ */ token(
  '--dichtbij-text-font-weight-bold',
  ['--basis-text-font-weight-bold'],
  '700',
);
export const textSmallFontSize = /* @__PURE__ */ token(
  '--dichtbij-text-small-font-size',
  ['--basis-text-font-size-sm'],
  '0.875rem',
);
export const headingFontFamily = /* @__PURE__ */ via(
  '--dichtbij-heading-font-family',
  textFontFamily,
  '--basis-heading-font-family',
);
export const headingFontSize = /* @__PURE__ */ token(
  '--dichtbij-heading-font-size',
  ['--basis-text-font-size-lg'],
  '1.25rem',
);
export const headingFontWeight = /* @__PURE__ */ token(
  '--dichtbij-heading-font-weight',
  ['--basis-heading-font-weight'],
  '700',
);
export const headingLineHeight = /* @__PURE__ */ token(
  '--dichtbij-heading-line-height',
  ['--basis-text-line-height-lg'],
  '1.25',
);
// Space scale and sizes
export const spaceXs = /* @__PURE__ */ token('--dichtbij-space-xs', ['--basis-space-block-sm'], '0.25rem');
export const spaceSm = /* @__PURE__ */ token('--dichtbij-space-sm', ['--basis-space-block-md'], '0.5rem');
export const spaceMd = /* @__PURE__ */ token('--dichtbij-space-md', ['--basis-space-block-lg'], '0.75rem');
export const spaceLg = /* @__PURE__ */ token('--dichtbij-space-lg', ['--basis-space-block-xl'], '1rem');
export const spaceXl = /* @__PURE__ */ token('--dichtbij-space-xl', ['--basis-space-block-3xl'], '1.5rem');
export const pointerTargetMinSize = /* @__PURE__ */ token(
  '--dichtbij-pointer-target-min-size',
  ['--basis-pointer-target-min-block-size'],
  '2.75rem',
);
// Buttons
export const buttonBorderRadius = /* @__PURE__ */ token(
  '--dichtbij-button-border-radius',
  ['--nl-button-border-radius', '--utrecht-button-border-radius'],
  '4px',
);
export const buttonPrimaryActiveBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-button-primary-active-background-color',
  [
    '--nl-button-primary-active-background-color',
    '--utrecht-button-primary-action-active-background-color',
    '--basis-color-action-1-inverse-bg-active',
  ],
  '#0f2f58',
);
export const buttonSecondaryColor = /* @__PURE__ */ token(
  '--dichtbij-button-secondary-color',
  ['--nl-button-secondary-color', '--utrecht-button-secondary-action-color', '--basis-color-action-1-color-default'],
  '#1a4d8f',
);
export const buttonSecondaryBorderColor = /* @__PURE__ */ token(
  '--dichtbij-button-secondary-border-color',
  [
    '--nl-button-secondary-border-color',
    '--utrecht-button-secondary-action-border-color',
    '--basis-color-action-1-border-default',
  ],
  '#1a4d8f',
);
export const buttonSecondaryHoverBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-button-secondary-hover-background-color',
  [
    '--nl-button-secondary-hover-background-color',
    '--utrecht-button-secondary-action-hover-background-color',
    '--basis-color-action-1-bg-hover',
  ],
  '#e8eef7',
);
// Form controls
export const inputBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-input-background-color',
  ['--utrecht-textbox-background-color', '--basis-form-control-background-color'],
  '#ffffff',
);
export const inputColor = /* @__PURE__ */ token(
  '--dichtbij-input-color',
  ['--utrecht-textbox-color', '--basis-form-control-color'],
  '#1b1b1f',
);
export const inputBorderColor = /* @__PURE__ */ token(
  '--dichtbij-input-border-color',
  ['--utrecht-textbox-border-color', '--basis-form-control-border-color'],
  '#6b6b6b',
);
export const inputBorderRadius = /* @__PURE__ */ token(
  '--dichtbij-input-border-radius',
  ['--utrecht-textbox-border-radius', '--basis-form-control-border-radius'],
  '4px',
);
// Focus indicator
export const focusOutlineColor = /* @__PURE__ */ token(
  '--dichtbij-focus-outline-color',
  ['--basis-focus-outline-color', '--utrecht-focus-outline-color'],
  '#1b1b1f',
);
export const focusOutlineWidth = /* @__PURE__ */ token(
  '--dichtbij-focus-outline-width',
  ['--basis-focus-outline-width', '--utrecht-focus-outline-width'],
  '2px',
);
export const focusOutlineOffset = /* @__PURE__ */ token(
  '--dichtbij-focus-outline-offset',
  ['--basis-focus-outline-offset', '--utrecht-focus-outline-offset'],
  '2px',
);
export const focusOutlineStyle = /* @__PURE__ */ token(
  '--dichtbij-focus-outline-style',
  ['--basis-focus-outline-style', '--utrecht-focus-outline-style'],
  'solid',
);
// Messages: error / success / warning / info (notice)
export const errorColor = /* @__PURE__ */ token(
  '--dichtbij-error-color',
  ['--utrecht-alert-error-color', '--basis-color-negative-color-document'],
  '#9b1b1b',
);
export const errorBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-error-background-color',
  ['--utrecht-alert-error-background-color', '--basis-color-negative-bg-default'],
  '#fdecec',
);
export const errorBorderColor = /* @__PURE__ */ token(
  '--dichtbij-error-border-color',
  ['--utrecht-alert-error-border-color', '--basis-color-negative-border-default'],
  '#c42b2b',
);
export const successBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-success-background-color',
  ['--utrecht-alert-ok-background-color', '--basis-color-positive-bg-default'],
  '#e6f4ea',
);
export const successBorderColor = /* @__PURE__ */ token(
  '--dichtbij-success-border-color',
  ['--utrecht-alert-ok-border-color', '--basis-color-positive-border-default'],
  '#2e8540',
);
export const warningColor = /* @__PURE__ */ token(
  '--dichtbij-warning-color',
  ['--utrecht-alert-warning-color', '--basis-color-warning-color-document'],
  '#6b4300',
);
export const warningBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-warning-background-color',
  ['--utrecht-alert-warning-background-color', '--basis-color-warning-bg-default'],
  '#fff3dc',
);
export const warningBorderColor = /* @__PURE__ */ token(
  '--dichtbij-warning-border-color',
  ['--utrecht-alert-warning-border-color', '--basis-color-warning-border-default'],
  '#b36b00',
);
export const infoColor = /* @__PURE__ */ token(
  '--dichtbij-info-color',
  ['--utrecht-alert-info-color', '--basis-color-info-color-document'],
  '#0f4473',
);
export const infoBorderColor = /* @__PURE__ */ token(
  '--dichtbij-info-border-color',
  ['--utrecht-alert-info-border-color', '--basis-color-info-border-default'],
  '#2f6fb0',
);
// ── Element tokens ───────────────────────────────────────────────────────────────────────────────
/** Space between the widgets a `<dichtbij-config>` holds (it lays them out as a column). */
export const configGap = /* @__PURE__ */ via('--dichtbij-config-gap', spaceXl);
// <dichtbij-feedback>: the answer options (yes/no, 1–10)
export const feedbackOptionBorderColor = /* @__PURE__ */ via('--dichtbij-feedback-option-border-color', borderColor);
export const feedbackOptionSelectedBackgroundColor = /* @__PURE__ */ via(
  '--dichtbij-feedback-option-selected-background-color',
  buttonPrimaryBackgroundColor,
);
export const feedbackOptionSelectedColor = /* @__PURE__ */ via(
  '--dichtbij-feedback-option-selected-color',
  buttonPrimaryColor,
);
// <dichtbij-bel-me>: "open now" / "closed" line
export const belMeOpenColor = /* @__PURE__ */ via('--dichtbij-bel-me-open-color', successColor);
export const belMeClosedColor = /* @__PURE__ */ via('--dichtbij-bel-me-closed-color', textMutedColor);
// <dichtbij-status-tracker>: step markers
export const statusTrackerStepDoneBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-status-tracker-step-done-background-color',
  ['--basis-color-positive-inverse-bg-default'],
  '#1e6b34',
);
export const statusTrackerStepDoneColor = /* @__PURE__ */ token(
  '--dichtbij-status-tracker-step-done-color',
  ['--basis-color-positive-inverse-color-default'],
  '#ffffff',
);
export const statusTrackerStepCurrentBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-status-tracker-step-current-background-color',
  ['--basis-color-action-1-inverse-bg-default'],
  '#1a4d8f',
);
export const statusTrackerStepCurrentColor = /* @__PURE__ */ token(
  '--dichtbij-status-tracker-step-current-color',
  ['--basis-color-action-1-inverse-color-default'],
  '#ffffff',
);
export const statusTrackerStepUpcomingBackgroundColor = /* @__PURE__ */ token(
  '--dichtbij-status-tracker-step-upcoming-background-color',
  ['--basis-color-default-bg-document'],
  '#ffffff',
);
export const statusTrackerStepUpcomingColor = /* @__PURE__ */ token(
  '--dichtbij-status-tracker-step-upcoming-color',
  ['--basis-color-default-color-subtle'],
  '#595959',
);
export const statusTrackerStepUpcomingBorderColor = /* @__PURE__ */ token(
  '--dichtbij-status-tracker-step-upcoming-border-color',
  ['--basis-color-default-border-default'],
  '#6b6b6b',
);
export const statusTrackerConnectorColor = /* @__PURE__ */ via(
  '--dichtbij-status-tracker-connector-color',
  borderColor,
);
// <dichtbij-chat-launcher>: launcher button, panel, messages
export const chatLauncherBackgroundColor = /* @__PURE__ */ via(
  '--dichtbij-chat-launcher-background-color',
  buttonPrimaryBackgroundColor,
);
export const chatLauncherColor = /* @__PURE__ */ via('--dichtbij-chat-launcher-color', buttonPrimaryColor);
export const chatLauncherHoverBackgroundColor = /* @__PURE__ */ via(
  '--dichtbij-chat-launcher-hover-background-color',
  buttonPrimaryHoverBackgroundColor,
);
export const chatLauncherPanelBackgroundColor = /* @__PURE__ */ via(
  '--dichtbij-chat-launcher-panel-background-color',
  backgroundColor,
);
export const chatLauncherMessageAgentBackgroundColor = /* @__PURE__ */ via(
  '--dichtbij-chat-launcher-message-agent-background-color',
  surfaceBackgroundColor,
);
export const chatLauncherMessageAgentColor = /* @__PURE__ */ via(
  '--dichtbij-chat-launcher-message-agent-color',
  textColor,
);
export const chatLauncherMessageResidentBackgroundColor = /* @__PURE__ */ via(
  '--dichtbij-chat-launcher-message-resident-background-color',
  infoBackgroundColor,
);
export const chatLauncherMessageResidentColor = /* @__PURE__ */ via(
  '--dichtbij-chat-launcher-message-resident-color',
  textColor,
);

/** The whole registry (tests, Storybook, `chain(key)`). Elements import single tokens so bundles keep only those. */
export const tokens = {
  textColor,
  textMutedColor,
  backgroundColor,
  surfaceBackgroundColor,
  borderColor,
  borderWidth,
  borderRadius,
  accentColor,
  linkColor,
  textFontFamily,
  textFontSize,
  textLineHeight,
  textFontWeightBold,
  textSmallFontSize,
  headingFontFamily,
  headingFontSize,
  headingFontWeight,
  headingLineHeight,
  spaceXs,
  spaceSm,
  spaceMd,
  spaceLg,
  spaceXl,
  pointerTargetMinSize,
  buttonBorderRadius,
  buttonPrimaryBackgroundColor,
  buttonPrimaryColor,
  buttonPrimaryHoverBackgroundColor,
  buttonPrimaryActiveBackgroundColor,
  buttonSecondaryColor,
  buttonSecondaryBorderColor,
  buttonSecondaryHoverBackgroundColor,
  inputBackgroundColor,
  inputColor,
  inputBorderColor,
  inputBorderRadius,
  focusOutlineColor,
  focusOutlineWidth,
  focusOutlineOffset,
  focusOutlineStyle,
  errorColor,
  errorBackgroundColor,
  errorBorderColor,
  successColor,
  successBackgroundColor,
  successBorderColor,
  warningColor,
  warningBackgroundColor,
  warningBorderColor,
  infoColor,
  infoBackgroundColor,
  infoBorderColor,
  feedbackOptionBorderColor,
  feedbackOptionSelectedBackgroundColor,
  feedbackOptionSelectedColor,
  belMeOpenColor,
  belMeClosedColor,
  statusTrackerStepDoneBackgroundColor,
  statusTrackerStepDoneColor,
  statusTrackerStepCurrentBackgroundColor,
  statusTrackerStepCurrentColor,
  statusTrackerStepUpcomingBackgroundColor,
  statusTrackerStepUpcomingColor,
  statusTrackerStepUpcomingBorderColor,
  statusTrackerConnectorColor,
  chatLauncherBackgroundColor,
  chatLauncherColor,
  chatLauncherHoverBackgroundColor,
  chatLauncherPanelBackgroundColor,
  chatLauncherMessageAgentBackgroundColor,
  chatLauncherMessageAgentColor,
  chatLauncherMessageResidentBackgroundColor,
  chatLauncherMessageResidentColor,
  configGap,
} as const satisfies Record<string, TokenChain>;

export type TokenKey = keyof typeof tokens;

/**
 * The CSS `var()` chain for a token, e.g.
 * `var(--dichtbij-button-primary-color, var(--nl-button-primary-color, var(--basis-…, #ffffff)))`.
 * Pass `first` to put a private `--_dichtbij-*` slot in front of the chain. Takes the token itself, so a
 * bundle keeps only the tokens it uses (`import * as t from './tokens.ts'; chainOf(t.textColor)`).
 */
export function chainOf(token: TokenChain, first?: `--_dichtbij-${string}`): string {
  const names = [...(first ? [first] : []), token.name, ...token.fallbacks];
  return names.reduceRight((inner, name) => `var(${name}, ${inner})`, token.value);
}

/** Like chainOf(), also by key: chain('textColor'). A key string keeps the whole registry in the bundle. */
export function chain(key: TokenKey | TokenChain, first?: `--_dichtbij-${string}`): string {
  return chainOf(typeof key === 'string' ? tokens[key] : key, first);
}

/** Flat map of token name -> safe default (what an element shows with no theme at all). */
export function safeDefaults(): Record<string, string> {
  return Object.fromEntries(Object.values(tokens).map((t) => [t.name, t.value]));
}

/** The elements whose `--dichtbij-{element}-*` override hooks `elementScope()` wires up. */
export const elementNames = ['feedback', 'bel-me', 'status-tracker', 'chat-launcher'] as const;
export type ElementName = (typeof elementNames)[number];

/**
 * Private slots the shared style blocks read before the common chain. `elementScope(element)` sets each
 * from `--dichtbij-{element}-{suffix}`, so `--dichtbij-feedback-button-background-color` restyles only
 * the feedback element's buttons.
 */
export const elementSlots = {
  '--_dichtbij-bg': { suffix: 'background-color', token: backgroundColor },
  '--_dichtbij-fg': { suffix: 'color', token: textColor },
  '--_dichtbij-font-family': { suffix: 'font-family', token: textFontFamily },
  '--_dichtbij-font-size': { suffix: 'font-size', token: textFontSize },
  '--_dichtbij-radius': { suffix: 'border-radius', token: borderRadius },
  '--_dichtbij-button-bg': { suffix: 'button-background-color', token: buttonPrimaryBackgroundColor },
  '--_dichtbij-button-fg': { suffix: 'button-color', token: buttonPrimaryColor },
  '--_dichtbij-button-hover-bg': { suffix: 'button-hover-background-color', token: buttonPrimaryHoverBackgroundColor },
  '--_dichtbij-button-active-bg': {
    suffix: 'button-active-background-color',
    token: buttonPrimaryActiveBackgroundColor,
  },
  '--_dichtbij-button-radius': { suffix: 'button-border-radius', token: buttonBorderRadius },
} as const satisfies Record<`--_dichtbij-${string}`, { suffix: string; token: TokenChain }>;

export type ElementSlot = keyof typeof elementSlots;
