import * as t from '../shared/tokens.ts';
import { css, type CSSResult } from 'lit';
import { elementStyles, v } from '../shared/styles.ts';

/**
 * Styles of `<dichtbij-feedback>`: the shared blocks (host, focus, buttons, fields, choices,
 * messages, visually hidden, forced colours, reduced motion; see shared/styles.ts) with the
 * `--dichtbij-feedback-*` override scope, then what is particular to this element. Every
 * themable value is a token chain from shared/tokens.ts. Logical properties only.
 */
export const feedbackStyles: CSSResult[] = [
  ...elementStyles('feedback'),
  css`
    .base {
      max-inline-size: var(--dichtbij-feedback-max-inline-size, 40rem);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_dichtbij-space-sm);
      margin-block: 0 var(--_dichtbij-space-lg);
    }
    .base > :last-child,
    form > :last-child {
      margin-block-end: 0;
    }

    /* "Nee" while its questions are open */
    .button--secondary[aria-expanded='true'] {
      background-color: ${v(t.feedbackOptionSelectedBackgroundColor)};
      border-color: ${v(t.feedbackOptionSelectedBackgroundColor)};
      color: ${v(t.feedbackOptionSelectedColor)};
    }

    /* The 1–10 scale: native radios in boxes that wrap (two rows of five at 320 px) */
    .scale {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_dichtbij-space-xs);
    }
    .score {
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: var(--_dichtbij-space-xs);
      min-inline-size: var(--_dichtbij-target);
      min-block-size: var(--_dichtbij-target);
      padding: var(--_dichtbij-space-xs);
      border: var(--_dichtbij-border-width) solid ${v(t.feedbackOptionBorderColor)};
      border-radius: var(--_dichtbij-radius);
      font-weight: var(--_dichtbij-bold);
      cursor: pointer;
    }
    .score input {
      inline-size: 1.25rem;
      block-size: 1.25rem;
      margin: 0;
      accent-color: ${v(t.accentColor)};
      cursor: pointer;
    }
    .score:has(input:checked) {
      background-color: ${v(t.feedbackOptionSelectedBackgroundColor)};
      border-color: ${v(t.feedbackOptionSelectedBackgroundColor)};
      color: ${v(t.feedbackOptionSelectedColor)};
    }
    .score:has(input:checked) input {
      accent-color: ${v(t.feedbackOptionSelectedColor)};
    }
    .score:has(input:focus-visible) {
      outline: var(--_dichtbij-focus-width) var(--_dichtbij-focus-style) var(--_dichtbij-focus-color);
      outline-offset: var(--_dichtbij-focus-offset);
    }

    /* A field or group with an error: a bar at the start, as NL DS form fields do */
    .invalid {
      border-inline-start: calc(var(--_dichtbij-border-width) * 4) solid ${v(t.errorColor)};
      padding-inline-start: var(--_dichtbij-space-md);
    }
    .fieldset .field {
      margin-block: var(--_dichtbij-space-sm) 0;
    }

    .counter {
      margin: 0;
      color: var(--_dichtbij-muted);
    }
    .counter--over {
      color: ${v(t.errorColor)};
      font-weight: var(--_dichtbij-bold);
    }

    .message .heading {
      font-size: inherit;
    }
    .error-summary ul {
      margin: 0;
      padding-inline-start: var(--_dichtbij-space-lg);
    }
    .error-summary a {
      color: inherit;
      font-weight: var(--_dichtbij-bold);
    }
    .message .button--link {
      min-block-size: 1.5rem;
      color: inherit;
      font-weight: var(--_dichtbij-bold);
    }
    .message--pending {
      padding-inline: 0;
      border-color: transparent;
      color: var(--_dichtbij-muted);
    }

    @media (forced-colors: active) {
      .score {
        border-color: ButtonText;
      }
      .button--secondary[aria-expanded='true'],
      .score:has(input:checked) {
        forced-color-adjust: none;
        background-color: Highlight;
        border-color: Highlight;
        color: HighlightText;
      }
      .score:has(input:checked) input {
        accent-color: auto;
      }
      .invalid {
        border-inline-start-color: CanvasText;
      }
      .score:has(input:focus-visible) {
        outline-color: Highlight;
      }
    }
  `,
];
