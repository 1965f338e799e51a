import * as t from '../shared/tokens.ts';
import { chainOf } from '../shared/tokens.ts';
import { css, unsafeCSS } from 'lit';
import { elementStyles, v } from '../shared/styles.ts';

const radius = unsafeCSS(chainOf(t.borderRadius, '--_dichtbij-radius'));

/**
 * <dichtbij-status-tracker>: the lookup form, a case with its steps (a vertical track of markers
 * joined by a connector line), the list of "Mijn zaken", and a skeleton that keeps the same
 * block size as the result. Markers never carry meaning by colour alone: a done step has a
 * check mark, the current one a filled marker with a visible "Nu bezig" tag, an upcoming one
 * an outlined number, and every state is in the text as well.
 */
export const statusTrackerStyles = [
  ...elementStyles('status-tracker'),
  css`
    :host {
      --_dichtbij-marker-size: 1.75rem;
      /* Space kept free while loading and for the result, so the page does not shift when the
         status arrives: the height of a typical case with four steps. Narrow containers wrap more
         text, so they keep more room. Set it to the height of a typical case on your page. */
      --_dichtbij-reserve: var(--dichtbij-status-tracker-min-block-size, 44rem);
      container-type: inline-size;
    }
    .panel {
      position: relative;
      min-block-size: var(--_dichtbij-reserve);
    }
    @container (max-inline-size: 40rem) {
      .panel {
        min-block-size: calc(var(--_dichtbij-reserve) + 4rem);
      }
    }
    @container (max-inline-size: 28rem) {
      .panel {
        min-block-size: calc(var(--_dichtbij-reserve) + 14rem);
      }
    }
    /* A problem (not found, unavailable) is short: no reserved height below it. */
    .panel.panel--fit {
      min-block-size: 0;
    }
    .form {
      margin-block-end: var(--_dichtbij-space-lg);
    }
    .form .input {
      max-inline-size: 20rem;
    }
    .form #check {
      max-inline-size: 10rem;
    }
    .reference,
    .dates {
      margin-block: 0 var(--_dichtbij-space-sm);
    }
    .dates {
      padding: 0;
      list-style: none;
    }
    .badges {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_dichtbij-space-xs);
      margin-block: 0 var(--_dichtbij-space-sm);
      padding: 0;
      list-style: none;
    }
    .badge {
      display: inline-block;
      padding-block: 0;
      padding-inline: var(--_dichtbij-space-sm);
      border: var(--_dichtbij-border-width) solid currentColor;
      border-radius: ${radius};
      font-weight: var(--_dichtbij-bold);
    }
    .badge--delayed,
    .badge--suspended {
      background-color: ${v(t.warningBackgroundColor)};
      color: ${v(t.warningColor)};
    }
    .badge--closed {
      background-color: ${v(t.successBackgroundColor)};
      color: ${v(t.successColor)};
    }
    .badge--extended {
      background-color: ${v(t.infoBackgroundColor)};
      color: ${v(t.infoColor)};
    }

    /* The steps: an ordered list with a marker per step and a line between the markers. */
    .steps {
      margin-block: var(--_dichtbij-space-md);
      margin-inline: 0;
      padding: 0;
      list-style: none;
    }
    .step {
      position: relative;
      display: grid;
      grid-template-columns: var(--_dichtbij-marker-size) minmax(0, 1fr);
      column-gap: var(--_dichtbij-space-md);
      padding-block-end: var(--_dichtbij-space-md);
    }
    .step:not(:last-child)::before {
      content: '';
      position: absolute;
      inset-block: var(--_dichtbij-marker-size) 0;
      inset-inline-start: calc(var(--_dichtbij-marker-size) / 2 - 1px);
      border-inline-start: 2px solid ${v(t.statusTrackerConnectorColor)};
    }
    .step--done:not(:last-child)::before {
      border-inline-start-color: ${v(t.statusTrackerStepDoneBackgroundColor)};
    }
    .marker {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      inline-size: var(--_dichtbij-marker-size);
      block-size: var(--_dichtbij-marker-size);
      border: 2px solid transparent;
      border-radius: 50%;
      font-size: ${v(t.textSmallFontSize)};
      font-weight: var(--_dichtbij-bold);
      line-height: 1;
    }
    .step--done .marker {
      background-color: ${v(t.statusTrackerStepDoneBackgroundColor)};
      border-color: ${v(t.statusTrackerStepDoneBackgroundColor)};
      color: ${v(t.statusTrackerStepDoneColor)};
    }
    .step--current .marker {
      background-color: ${v(t.statusTrackerStepCurrentBackgroundColor)};
      border-color: ${v(t.statusTrackerStepCurrentBackgroundColor)};
      color: ${v(t.statusTrackerStepCurrentColor)};
      outline: 2px solid ${v(t.statusTrackerStepCurrentBackgroundColor)};
      outline-offset: 2px;
    }
    .step--upcoming .marker {
      background-color: ${v(t.statusTrackerStepUpcomingBackgroundColor)};
      border-color: ${v(t.statusTrackerStepUpcomingBorderColor)};
      color: ${v(t.statusTrackerStepUpcomingColor)};
    }
    .step-body > * {
      margin-block: 0;
    }
    .step-title {
      font-weight: var(--_dichtbij-bold);
    }
    .step--upcoming .step-title {
      font-weight: normal;
    }
    .now {
      display: inline-block;
      margin-inline-start: var(--_dichtbij-space-xs);
      padding-inline: var(--_dichtbij-space-xs);
      border: var(--_dichtbij-border-width) solid currentColor;
      border-radius: ${radius};
      font-size: ${v(t.textSmallFontSize)};
      vertical-align: middle;
    }
    .step-text {
      white-space: pre-line;
    }
    .step-date {
      color: var(--_dichtbij-muted);
    }

    .help,
    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_dichtbij-space-sm);
      margin-block: var(--_dichtbij-space-md) 0;
    }
    .help p,
    .actions p {
      margin: 0;
    }
    .help-phone {
      flex-basis: 100%;
    }
    .cases {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .case-item {
      padding-block: var(--_dichtbij-space-md);
      border-block-end: var(--_dichtbij-border-width) solid var(--_dichtbij-border);
    }
    .case-item .help {
      margin-block-start: var(--_dichtbij-space-sm);
    }
    details > summary {
      display: inline-flex;
      align-items: center;
      min-block-size: var(--_dichtbij-target);
      color: ${v(t.linkColor)};
      text-decoration-line: underline;
      text-underline-offset: 0.15em;
      cursor: pointer;
    }
    .result-heading:focus {
      outline: none;
    }
    .result-heading:focus-visible {
      outline: var(--_dichtbij-focus-width) var(--_dichtbij-focus-style) var(--_dichtbij-focus-color);
    }

    /* Skeleton: the shape of a case with four steps, filling the reserved space. */
    .skeleton {
      display: flex;
      flex-direction: column;
      gap: var(--_dichtbij-space-sm);
    }
    .bone {
      display: block;
      block-size: 1em;
      border-radius: ${radius};
      background-color: var(--_dichtbij-surface);
      animation: dichtbij-pulse 1.6s ease-in-out infinite;
    }
    .bone--heading {
      inline-size: 60%;
      block-size: 1.5em;
    }
    .bone--line {
      inline-size: 40%;
    }
    .bone-step {
      display: grid;
      grid-template-columns: var(--_dichtbij-marker-size) minmax(0, 1fr);
      column-gap: var(--_dichtbij-space-md);
      margin-block-start: var(--_dichtbij-space-sm);
    }
    .bone-lines {
      display: flex;
      flex-direction: column;
      gap: var(--_dichtbij-space-sm);
    }
    .bone--marker {
      inline-size: var(--_dichtbij-marker-size);
      block-size: var(--_dichtbij-marker-size);
      border-radius: 50%;
    }
    .bone-lines .bone:first-child {
      inline-size: 30%;
    }
    .bone-lines .bone:nth-child(2) {
      inline-size: 80%;
    }
    .bone-lines .bone:last-child {
      inline-size: 20%;
    }
    .bone--button {
      inline-size: 10rem;
      block-size: var(--_dichtbij-target);
      margin-block-start: var(--_dichtbij-space-md);
    }
    @keyframes dichtbij-pulse {
      50% {
        opacity: 0.5;
      }
    }

    @media (forced-colors: active) {
      .marker,
      .badge,
      .now {
        border-color: CanvasText;
      }
      /* The markers set their own system colours: the text backplate would hide a ✓ or number drawn in Canvas. */
      .marker {
        forced-color-adjust: none;
        background-color: Canvas;
        border-color: CanvasText;
        color: CanvasText;
      }
      .step--current .marker {
        background-color: Highlight;
        border-color: CanvasText;
        color: HighlightText;
        outline-color: CanvasText;
      }
      .step--upcoming .marker {
        background-color: Canvas;
        border-color: CanvasText;
        color: CanvasText;
      }
      .step--done .marker {
        background-color: CanvasText;
        border-color: CanvasText;
        color: Canvas;
      }
      .step:not(:last-child)::before {
        border-inline-start-color: CanvasText;
      }
      .bone {
        background-color: GrayText;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .bone {
        animation: none;
      }
    }
  `,
];
