import { css } from 'lit';
import { choiceStyles, fieldStyles, v } from '../../shared/styles.ts';
import * as t from '../../shared/tokens.ts';

// The form of <dichtbij-bel-me>, adopted when it loads (after ../bel-me.styles.ts, which has the
// host, buttons and messages): fields, choices, the promise line, the slot grid, the hand-off box.
export const formStyles = [
  fieldStyles,
  choiceStyles,
  css`
    h3 {
      font-size: inherit;
    }
    .promise {
      margin-block-end: var(--_dichtbij-space-lg);
      font-weight: var(--_dichtbij-bold);
      color: ${v(t.belMeOpenColor)};
    }
    .promise[data-open='false'] {
      color: ${v(t.belMeClosedColor)};
    }
    .optional {
      font-weight: normal;
      color: var(--_dichtbij-muted);
    }
    .input[type='tel'] {
      max-inline-size: 20ch;
    }
    .choices {
      display: grid;
      gap: var(--_dichtbij-space-xs);
    }
    .day {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      column-gap: var(--_dichtbij-space-lg);
    }
    .day-name {
      flex: 1 0 100%;
      margin-block-start: var(--_dichtbij-space-xs);
    }
    .message ul {
      margin-block: var(--_dichtbij-space-xs) 0;
      padding-inline-start: var(--_dichtbij-space-xl);
    }
    .message a {
      color: inherit;
    }
    dl {
      margin-block: var(--_dichtbij-space-sm);
    }
    dt {
      font-weight: var(--_dichtbij-bold);
    }
    dd {
      margin: 0 0 var(--_dichtbij-space-xs);
      white-space: pre-line;
      overflow-wrap: anywhere;
    }
    .reference {
      font-weight: var(--_dichtbij-bold);
      letter-spacing: 0.05em;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: var(--_dichtbij-space-sm);
    }
  `,
];
