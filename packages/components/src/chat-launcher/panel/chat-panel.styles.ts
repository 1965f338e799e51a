import { css } from 'lit';
import { sharedStyles, v } from '../../shared/styles.ts';
import * as t from '../../shared/tokens.ts';

/**
 * <dichtbij-chat-panel>: a fixed window above the launcher (full screen on small or zoomed
 * screens), a scrolling conversation, and the message box. The element scope is set by hand:
 * the theme's `--dichtbij-chat-launcher-background-color` is the launcher button's colour, so
 * the panel's own background comes from `--dichtbij-chat-launcher-panel-background-color`.
 */
export const chatPanelStyles = [
  ...sharedStyles,
  css`
    :host {
      --_dichtbij-bg: var(--dichtbij-chat-launcher-panel-background-color);
      --_dichtbij-chat-block: var(--dichtbij-chat-launcher-offset-block, var(--dichtbij-chat-launcher-offset, 1rem));
      --_dichtbij-chat-inline: var(--dichtbij-chat-launcher-offset-inline, var(--dichtbij-chat-launcher-offset, 1rem));
      position: fixed;
      inset-block-end: calc(var(--_dichtbij-chat-block) + 4rem);
      inset-inline-end: var(--_dichtbij-chat-inline);
      display: flex;
      flex-direction: column;
      inline-size: min(25rem, calc(100vw - 2 * var(--_dichtbij-chat-inline)));
      block-size: min(38rem, calc(100dvh - var(--_dichtbij-chat-block) - 5rem));
      border: var(--_dichtbij-border-width) solid var(--_dichtbij-border);
      border-radius: ${v(t.borderRadius)};
      box-shadow: 0 4px 16px rgb(0 0 0 / 0.25);
      overflow: hidden;
    }
    :host(:not([open])) {
      display: none;
    }
    :host([position='start']) {
      inset-inline-end: auto;
      inset-inline-start: var(--_dichtbij-chat-inline);
    }
    /* Focus on the page behind the panel: the panel moves to the other side, else out of the way. */
    :host([data-aside='flip']:not([position='start'])),
    :host([data-aside='hide']:not([position='start'])) {
      inset-inline-end: auto;
      inset-inline-start: var(--_dichtbij-chat-inline);
    }
    :host([data-aside='flip'][position='start']),
    :host([data-aside='hide'][position='start']) {
      inset-inline-start: auto;
      inset-inline-end: var(--_dichtbij-chat-inline);
    }
    :host([data-aside='hide']:not(:focus-within)) {
      opacity: 0;
      pointer-events: none;
    }
    @media (max-width: 30rem), (max-height: 30rem) {
      :host,
      :host([position='start']) {
        inset: 0;
        inline-size: auto;
        block-size: auto;
        border-radius: 0;
      }
    }
    dialog {
      position: static;
      box-sizing: border-box;
      inline-size: 100%;
      max-inline-size: none;
      block-size: 100%;
      max-block-size: none;
      margin: 0;
      padding: 0;
      border: 0;
      background: inherit;
      color: inherit;
    }
    dialog[open] {
      display: flex;
      flex-direction: column;
      min-block-size: 0;
    }
    /* Full screen it is modal (in the top layer): the whole window scrolls, so at 400 % zoom
       (320×256) the title, the message box and every button can be reached. */
    dialog:modal {
      position: fixed;
      inset: 0;
      overflow-y: auto;
      overscroll-behavior: contain;
    }
    dialog:modal > * {
      flex: none;
    }
    /* The conversation scrolls by itself while there is room; below 6rem the window scrolls. */
    dialog:modal .log {
      flex: 1 1 auto;
    }
    dialog::backdrop {
      background: transparent;
    }
    /* Inside the window's edges: a ring outside would be cut off by the window. */
    .log:focus-visible {
      outline-offset: calc(-1 * var(--_dichtbij-focus-width) - 1px);
    }
    .head {
      display: flex;
      align-items: start;
      gap: var(--_dichtbij-space-sm);
      padding: var(--_dichtbij-space-sm) var(--_dichtbij-space-md);
      border-block-end: var(--_dichtbij-border-width) solid var(--_dichtbij-border);
      background-color: var(--_dichtbij-surface);
    }
    .head > div {
      flex: 1;
      min-inline-size: 0;
    }
    h2 {
      margin: 0;
      font-size: 1.125rem;
    }
    .status {
      margin: 0;
    }
    .close {
      flex: none;
      padding-inline: var(--_dichtbij-space-sm);
    }
    .close svg {
      inline-size: 1.25rem;
      block-size: 1.25rem;
      fill: currentColor;
    }
    .notices {
      padding-inline: var(--_dichtbij-space-md);
    }
    .notices .message {
      margin-block: var(--_dichtbij-space-sm) 0;
    }
    .log {
      flex: 1;
      min-block-size: 6rem;
      overflow-y: auto;
      padding: var(--_dichtbij-space-md);
      overscroll-behavior: contain;
    }
    .msg {
      max-inline-size: 90%;
      margin-block: 0 var(--_dichtbij-space-sm);
      padding: var(--_dichtbij-space-sm) var(--_dichtbij-space-md);
      border: var(--_dichtbij-border-width) solid transparent;
      border-radius: ${v(t.borderRadius)};
      background-color: ${v(t.chatLauncherMessageAgentBackgroundColor)};
      color: ${v(t.chatLauncherMessageAgentColor)};
    }
    .msg--resident {
      margin-inline-start: auto;
      background-color: ${v(t.chatLauncherMessageResidentBackgroundColor)};
      color: ${v(t.chatLauncherMessageResidentColor)};
    }
    .msg--system {
      max-inline-size: none;
      background-color: transparent;
      border-color: var(--_dichtbij-border);
      font-style: italic;
    }
    .msg--failed {
      border-color: ${v(t.errorBorderColor)};
      border-inline-start-width: calc(var(--_dichtbij-border-width) * 4);
    }
    .who {
      margin: 0;
      font-size: ${v(t.textSmallFontSize)};
      font-weight: var(--_dichtbij-bold);
    }
    .who time {
      font-weight: normal;
    }
    .text {
      margin: 0;
      white-space: pre-wrap;
    }
    .links {
      margin: var(--_dichtbij-space-xs) 0 0;
      padding-inline-start: 1.25rem;
    }
    .state {
      margin: var(--_dichtbij-space-xs) 0 0;
      font-size: ${v(t.textSmallFontSize)};
    }
    .state--failed {
      color: ${v(t.errorColor)};
      font-weight: var(--_dichtbij-bold);
    }
    .choices {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_dichtbij-space-xs);
      margin-block: 0 var(--_dichtbij-space-sm);
    }
    .typing {
      margin: 0;
      color: var(--_dichtbij-muted);
    }
    @media (prefers-reduced-motion: no-preference) {
      .typing::after {
        content: '';
        display: inline-block;
        inline-size: 1.5em;
        animation: dichtbij-dots 1.2s steps(4) infinite;
        overflow: hidden;
        vertical-align: bottom;
      }
    }
    @keyframes dichtbij-dots {
      from {
        inline-size: 0;
      }
    }
    form {
      display: flex;
      gap: var(--_dichtbij-space-sm);
      align-items: end;
      padding: var(--_dichtbij-space-sm) var(--_dichtbij-space-md);
      border-block-start: var(--_dichtbij-border-width) solid var(--_dichtbij-border);
    }
    form .field {
      flex: 1;
      margin: 0;
    }
    .textarea {
      /* 16px or more: phones do not zoom in on focus. */
      font-size: max(1rem, 16px);
      min-block-size: 2.75rem;
      max-block-size: 8rem;
      resize: none;
    }
    .hint {
      margin: 0;
      font-size: ${v(t.textSmallFontSize)};
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_dichtbij-space-xs) var(--_dichtbij-space-md);
      padding: 0 var(--_dichtbij-space-md) var(--_dichtbij-space-sm);
    }
    .actions .button--link {
      min-block-size: 2rem;
    }
    .center {
      padding: var(--_dichtbij-space-lg);
    }
    /* The score question after an ended chat. */
    form.score {
      display: block;
    }
    .score fieldset {
      min-inline-size: 0;
      margin: 0 0 var(--_dichtbij-space-sm);
      padding: 0;
      border: 0;
    }
    .score legend {
      padding: 0;
    }
    .score-options {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_dichtbij-space-xs);
      margin-block-start: var(--_dichtbij-space-xs);
    }
    .score-option {
      display: inline-flex;
      align-items: center;
      gap: 0.25rem;
      min-block-size: 2.75rem;
      min-inline-size: 2.75rem;
      cursor: pointer;
    }
    .score-option input {
      inline-size: 1.25rem;
      block-size: 1.25rem;
      margin: 0;
    }
    .score-thanks {
      margin: 0;
      padding: var(--_dichtbij-space-sm) var(--_dichtbij-space-md);
    }
    @media (forced-colors: active) {
      :host,
      .msg {
        border-color: CanvasText;
      }
    }
  `,
];
