/**
 * Shared Lit styles for every Dichtbij element. READ THIS before styling an element.
 *
 * 1. One token chain per value. Every themable value is
 *      var(--dichtbij-…, var(--nl-…/--utrecht-…, var(--basis-…, safe default)))
 *    built by `v(t.token)` (or `v(t.key)`) from the registry in ./tokens.ts. Never write a colour, font or
 *    space literal in an element: add a token to tokens.ts (and, for a new colour pair, to
 *    packages/themes/src/pairs.mjs and the theme files, so the contrast check covers it).
 *
 * 2. Element overrides go through private slots. The shared blocks read a private custom property first,
 *    e.g. the primary button: background-color: var(--_dichtbij-button-bg, <chain of
 *    --dichtbij-button-primary-background-color>). `elementScope('feedback')` sets
 *    `--_dichtbij-button-bg: var(--dichtbij-feedback-button-background-color)` on :host; when the page
 *    does not set that element token the slot is invalid and the common chain applies. Public names
 *    (`elementSlots` in tokens.ts): --dichtbij-{element}-background-color, -color, -font-family,
 *    -font-size, -border-radius, -button-background-color, -button-color, -button-hover-background-color,
 *    -button-active-background-color, -button-border-radius.
 *
 * 3. Private names start with `--_dichtbij-`: not API. hostStyles resets the slots (so an element nested
 *    in another element's shadow root does not inherit its overrides) and computes these on :host, for
 *    element styles to use: --_dichtbij-text, -muted, -border, -border-width, -surface,
 *    -space-xs|sm|md|lg|xl, -target (min. pointer target), -bold, -focus-color|width|offset|style,
 *    -duration (0s with reduced motion).
 *
 * 4. Usage (element styles last, so they win):
 *      import * as t from '../shared/tokens.ts';
 *      static override styles = [
 *        elementStyles('feedback'),   // or, smaller: hostStyles, focusStyles, buttonStyles, …, elementScope('feedback')
 *        css`.score[aria-pressed='true'] {
 *          background-color: ${v(t.feedbackOptionSelectedBackgroundColor)};
 *          color: ${v(t.feedbackOptionSelectedColor)};
 *        }`,
 *      ];
 *    Template classes: .button.button--primary|--secondary|--link, .field > .label + .description + .input|
 *    .textarea|.select (+ aria-invalid) + .field-error, .fieldset > .legend, .choice > input[type=radio|
 *    checkbox], .message.message--error|--success|--warning|--info, .visually-hidden, and (textStyles) .link, .muted, .small, h1–h4/.heading.
 *
 * 5. Size: every block and token is tree-shakable. Use v(t.x), not v(t.x) (a key string keeps all
 *    73 tokens, ~2 kB gzip); list only the blocks an element needs. A facade without Lit can use
 *    chainOf(t.x) from tokens.ts (no Lit import) in a constructable stylesheet.
 *
 * 6. Logical properties only (margin-inline, padding-block, inline-size, inset-inline-start…) so
 *    right-to-left works. Forced colours and reduced motion are handled here; an element that shows meaning
 *    with background colour alone (status markers) must add a border, text or icon as well.
 */
import { css, unsafeCSS } from 'lit';
import type { CSSResult } from 'lit';
import * as t from './tokens.ts';
import { chain, chainOf, elementNames, elementSlots } from './tokens.ts';
import type { ElementName, ElementSlot, TokenChain, TokenKey } from './tokens.ts';

export { chain, chainOf, tokens, safeDefaults, elementSlots } from './tokens.ts';
export type { ElementName, TokenChain, TokenKey } from './tokens.ts';

/**
 * The token chain as a CSS value inside css``: `${v(t.warningColor)}` with
 * `import * as t from '../shared/tokens.ts'`. Tree-shakable: a bundle keeps only the tokens it uses.
 */
export function v(token: TokenChain): CSSResult {
  return unsafeCSS(chainOf(token));
}

/** Like v(), also by key: v(t.warningColor). A key string keeps the whole registry (~2 kB gzip). */
export function tokenVar(token: TokenChain | TokenKey): CSSResult {
  return unsafeCSS(chain(token));
}

/** A private slot read first, then the token's chain. */
function slotVar(slot: ElementSlot): CSSResult {
  return unsafeCSS(chainOf(elementSlots[slot].token, slot));
}

/** Lets a bundler drop a style block nobody uses (tagged templates cannot carry a pure annotation). */
const block = (styles: () => CSSResult): CSSResult => styles();

const slotNames = Object.keys(elementSlots) as ElementSlot[];

/**
 * :host rule that maps `--dichtbij-{element}-*` override tokens onto the private slots.
 * Put it after `sharedStyles` (or use `elementStyles(element)`, which does that).
 */
export function elementScope(element: ElementName): CSSResult {
  if (!(elementNames as readonly string[]).includes(element)) throw new Error(`Unknown Dichtbij element "${element}"`);
  const lines = slotNames.map((slot) => `${slot}: var(--dichtbij-${element}-${elementSlots[slot].suffix});`);
  return unsafeCSS(`:host { ${lines.join(' ')} }`);
}

/** Host reset, private computed values (see 3. above), font and colour. */
export const hostStyles = /* @__PURE__ */ block(
  () => css`
    :host {
      ${unsafeCSS(slotNames.map((slot) => `${slot}: initial;`).join(' '))}
      --_dichtbij-text: ${slotVar('--_dichtbij-fg')};
      --_dichtbij-muted: ${v(t.textMutedColor)};
      --_dichtbij-border: ${v(t.borderColor)};
      --_dichtbij-border-width: ${v(t.borderWidth)};
      --_dichtbij-surface: ${v(t.surfaceBackgroundColor)};
      --_dichtbij-space-xs: ${v(t.spaceXs)};
      --_dichtbij-space-sm: ${v(t.spaceSm)};
      --_dichtbij-space-md: ${v(t.spaceMd)};
      --_dichtbij-space-lg: ${v(t.spaceLg)};
      --_dichtbij-space-xl: ${v(t.spaceXl)};
      --_dichtbij-target: ${v(t.pointerTargetMinSize)};
      --_dichtbij-bold: ${v(t.textFontWeightBold)};
      --_dichtbij-focus-color: ${v(t.focusOutlineColor)};
      --_dichtbij-focus-width: ${v(t.focusOutlineWidth)};
      --_dichtbij-focus-offset: ${v(t.focusOutlineOffset)};
      --_dichtbij-focus-style: ${v(t.focusOutlineStyle)};
      --_dichtbij-duration: 150ms;

      display: block;
      box-sizing: border-box;
      color: var(--_dichtbij-text);
      background-color: ${slotVar('--_dichtbij-bg')};
      font-family: ${slotVar('--_dichtbij-font-family')};
      font-size: ${slotVar('--_dichtbij-font-size')};
      line-height: ${v(t.textLineHeight)};
      overflow-wrap: break-word;
    }
    :host([hidden]) {
      display: none !important;
    }
    *,
    *::before,
    *::after {
      box-sizing: inherit;
    }
  `,
);

/** Headings, paragraphs, links, `.muted` and `.small` text. */
export const textStyles = /* @__PURE__ */ block(
  () => css`
    h1,
    h2,
    h3,
    h4,
    .heading {
      margin-block: 0 var(--_dichtbij-space-sm);
      font-family: ${v(t.headingFontFamily)};
      font-size: ${v(t.headingFontSize)};
      font-weight: ${v(t.headingFontWeight)};
      line-height: ${v(t.headingLineHeight)};
    }
    p {
      margin-block: 0 var(--_dichtbij-space-sm);
    }
    .muted {
      color: var(--_dichtbij-muted);
    }
    .small {
      font-size: ${v(t.textSmallFontSize)};
    }
    .link,
    a {
      color: ${v(t.linkColor)};
      text-decoration-line: underline;
      text-underline-offset: 0.15em;
    }
    .link:hover,
    a:hover {
      text-decoration-thickness: 0.125em;
    }
  `,
);

/** Visible focus: --dichtbij-focus-* -> --basis-focus-* -> --utrecht-focus-* -> 2px solid dark. */
export const focusStyles = /* @__PURE__ */ block(
  () => css`
    :focus-visible {
      outline: var(--_dichtbij-focus-width) var(--_dichtbij-focus-style) var(--_dichtbij-focus-color);
      outline-offset: var(--_dichtbij-focus-offset);
    }
    :focus:not(:focus-visible) {
      outline: none;
    }
  `,
);

/** `.button` + `.button--primary` / `.button--secondary`; also `.button--link` for a button that reads as a link. */
export const buttonStyles = /* @__PURE__ */ block(
  () => css`
    .button {
      appearance: none;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: var(--_dichtbij-space-xs);
      min-block-size: var(--_dichtbij-target);
      min-inline-size: var(--_dichtbij-target);
      margin: 0;
      padding-block: var(--_dichtbij-space-xs);
      padding-inline: var(--_dichtbij-space-lg);
      border: var(--_dichtbij-border-width) solid transparent;
      border-radius: ${slotVar('--_dichtbij-button-radius')};
      font: inherit;
      font-weight: var(--_dichtbij-bold);
      text-align: center;
      text-decoration: none;
      cursor: pointer;
      transition-property: background-color, border-color, color;
      transition-duration: var(--_dichtbij-duration);
    }
    .button--primary {
      background-color: ${slotVar('--_dichtbij-button-bg')};
      color: ${slotVar('--_dichtbij-button-fg')};
    }
    .button--primary:hover {
      background-color: ${slotVar('--_dichtbij-button-hover-bg')};
    }
    .button--primary:active {
      background-color: ${slotVar('--_dichtbij-button-active-bg')};
    }
    .button--secondary {
      background-color: transparent;
      border-color: ${v(t.buttonSecondaryBorderColor)};
      color: ${v(t.buttonSecondaryColor)};
    }
    .button--secondary:hover,
    .button--secondary:active {
      background-color: ${v(t.buttonSecondaryHoverBackgroundColor)};
    }
    .button--link {
      min-inline-size: 0;
      padding-inline: 0;
      background-color: transparent;
      color: ${v(t.linkColor)};
      font-weight: inherit;
      text-decoration-line: underline;
      text-underline-offset: 0.15em;
    }
    .button:disabled,
    .button[aria-disabled='true'] {
      background-color: var(--_dichtbij-surface);
      border-color: var(--_dichtbij-border);
      color: var(--_dichtbij-muted);
      cursor: not-allowed;
    }
  `,
);

/** `.field` wrapper, `.label`, `.description`, `.input` / `.textarea` / `.select`, `.field-error`. */
export const fieldStyles = /* @__PURE__ */ block(
  () => css`
    .field {
      display: flex;
      flex-direction: column;
      gap: var(--_dichtbij-space-xs);
      margin-block: 0 var(--_dichtbij-space-lg);
    }
    .label {
      font-weight: var(--_dichtbij-bold);
    }
    .description {
      color: var(--_dichtbij-muted);
    }
    .input,
    .textarea,
    .select {
      display: block;
      inline-size: 100%;
      max-inline-size: 100%;
      min-block-size: var(--_dichtbij-target);
      margin: 0;
      padding-block: var(--_dichtbij-space-xs);
      padding-inline: var(--_dichtbij-space-sm);
      border: var(--_dichtbij-border-width) solid ${v(t.inputBorderColor)};
      border-radius: ${v(t.inputBorderRadius)};
      background-color: ${v(t.inputBackgroundColor)};
      color: ${v(t.inputColor)};
      font: inherit;
    }
    .textarea {
      min-block-size: 8em;
      resize: vertical;
    }
    .input::placeholder,
    .textarea::placeholder {
      color: var(--_dichtbij-muted);
      opacity: 1;
    }
    .input[aria-invalid='true'],
    .textarea[aria-invalid='true'],
    .select[aria-invalid='true'] {
      border-color: ${v(t.errorColor)};
      border-inline-start-width: calc(var(--_dichtbij-border-width) * 4);
    }
    .field-error {
      margin: 0;
      color: ${v(t.errorColor)};
      font-weight: var(--_dichtbij-bold);
    }
  `,
);

/** `.fieldset` + `.legend` (no browser frame), `.choice` rows with native radio/checkbox. */
export const choiceStyles = /* @__PURE__ */ block(
  () => css`
    .fieldset {
      min-inline-size: 0;
      margin: 0 0 var(--_dichtbij-space-lg);
      padding: 0;
      border: 0;
    }
    .legend {
      margin-block-end: var(--_dichtbij-space-sm);
      padding: 0;
      font-weight: var(--_dichtbij-bold);
    }
    .choice {
      display: flex;
      align-items: center;
      gap: var(--_dichtbij-space-sm);
      min-block-size: var(--_dichtbij-target);
      cursor: pointer;
    }
    .choice input[type='radio'],
    .choice input[type='checkbox'] {
      flex: none;
      inline-size: 1.25rem;
      block-size: 1.25rem;
      margin: 0;
      accent-color: ${v(t.accentColor)};
      cursor: pointer;
    }
  `,
);

/** `.message` + `--error` / `--success` / `--warning` / `--info`: status and error boxes. */
export const messageStyles = /* @__PURE__ */ block(
  () => css`
    .message {
      margin-block: 0 var(--_dichtbij-space-md);
      padding-block: var(--_dichtbij-space-sm);
      padding-inline: var(--_dichtbij-space-md);
      border: var(--_dichtbij-border-width) solid transparent;
      border-inline-start-width: calc(var(--_dichtbij-border-width) * 4);
      border-radius: ${slotVar('--_dichtbij-radius')};
    }
    .message > :last-child {
      margin-block-end: 0;
    }
    .message--error {
      background-color: ${v(t.errorBackgroundColor)};
      border-color: ${v(t.errorBorderColor)};
      color: ${v(t.errorColor)};
    }
    .message--success {
      background-color: ${v(t.successBackgroundColor)};
      border-color: ${v(t.successBorderColor)};
      color: ${v(t.successColor)};
    }
    .message--warning {
      background-color: ${v(t.warningBackgroundColor)};
      border-color: ${v(t.warningBorderColor)};
      color: ${v(t.warningColor)};
    }
    .message--info {
      background-color: ${v(t.infoBackgroundColor)};
      border-color: ${v(t.infoBorderColor)};
      color: ${v(t.infoColor)};
    }
  `,
);

/** Hidden on screen, read by screen readers (e.g. a live region or extra label text). */
export const visuallyHiddenStyles = /* @__PURE__ */ block(
  () => css`
    .visually-hidden:not(:focus):not(:active) {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      margin: -1px;
      padding: 0;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
      border: 0;
    }
  `,
);

/** Windows high contrast / forced colours, and reduced motion. */
export const mediaStyles = /* @__PURE__ */ block(
  () => css`
    @media (forced-colors: active) {
      .button,
      .message,
      .input,
      .textarea,
      .select {
        border-color: CanvasText;
      }
      .button--primary,
      .button--secondary {
        border-color: ButtonText;
      }
      .button:disabled,
      .button[aria-disabled='true'] {
        border-color: GrayText;
        color: GrayText;
      }
      :focus-visible {
        outline-color: Highlight;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      :host {
        --_dichtbij-duration: 0s;
      }
      *,
      *::before,
      *::after {
        animation-duration: 0.01ms !important;
        animation-iteration-count: 1 !important;
        transition-duration: 0s !important;
        scroll-behavior: auto !important;
      }
    }
  `,
);

/** All shared blocks, in order. */
export const sharedStyles: readonly CSSResult[] = [
  hostStyles,
  textStyles,
  focusStyles,
  buttonStyles,
  fieldStyles,
  choiceStyles,
  messageStyles,
  visuallyHiddenStyles,
  mediaStyles,
];

/** Shared blocks + the element's override scope: `static styles = [elementStyles('feedback'), css`…`]`. */
export function elementStyles(element: ElementName): CSSResult[] {
  return [...sharedStyles, elementScope(element)];
}
