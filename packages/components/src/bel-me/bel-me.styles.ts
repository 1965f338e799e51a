import { css } from 'lit';
import {
  buttonStyles,
  elementScope,
  focusStyles,
  hostStyles,
  mediaStyles,
  messageStyles,
  visuallyHiddenStyles,
  v,
} from '../shared/styles.ts';
import * as t from '../shared/tokens.ts';

// The button, the dialog and the panel: what a page needs before the resident uses the element.
// The form's styles (fields, choices, the slot grid, the hand-off box) are in ./form/form.styles.ts
// and are adopted when the form loads. Every value is a token chain from ../shared/tokens.ts or one
// of the private values hostStyles computes.
export const styles = [
  hostStyles,
  focusStyles,
  buttonStyles,
  messageStyles,
  visuallyHiddenStyles,
  mediaStyles,
  elementScope('bel-me'),
  css`
    :host {
      --_dichtbij-panel-bg: var(--_dichtbij-bg, ${v(t.backgroundColor)});
    }
    /* Only a button until it opens: take the button's size, not the whole line. */
    :host(:not([inline])) {
      display: inline-block;
      max-inline-size: 100%;
    }
    dialog {
      inline-size: min(36rem, calc(100vw - 2 * var(--_dichtbij-space-lg)));
      max-block-size: calc(100dvh - 2 * var(--_dichtbij-space-lg));
      padding: 0;
      color: var(--_dichtbij-text);
      background-color: var(--_dichtbij-panel-bg);
      border: var(--_dichtbij-border-width) solid var(--_dichtbij-border);
      border-radius: ${v(t.borderRadius)};
      overflow: auto;
      overscroll-behavior: contain;
    }
    dialog::backdrop {
      background-color: var(--dichtbij-bel-me-backdrop-background-color, rgb(0 0 0 / 50%));
    }
    .panel {
      padding: var(--_dichtbij-space-lg);
      background-color: var(--_dichtbij-panel-bg);
    }
    :host([inline]) .panel {
      border: var(--_dichtbij-border-width) solid var(--_dichtbij-border);
      border-radius: ${v(t.borderRadius)};
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-start;
      justify-content: space-between;
      gap: var(--_dichtbij-space-sm);
    }
    .head h2 {
      margin-block-end: var(--_dichtbij-space-md);
    }
    [tabindex='-1']:focus:not(:focus-visible) {
      outline: none;
    }
    @media (forced-colors: active) {
      dialog {
        border-color: CanvasText;
      }
    }
  `,
];
