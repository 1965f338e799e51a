/**
 * Styles of the launcher facade: a plain CSS string (no Lit), adopted as a constructable
 * stylesheet (allowed under a strict CSP). Each value is one token chain; the chains are the
 * ones in ../shared/tokens.ts, written out here so the facade does not load the registry
 * (tests/node/chat-launcher-facade.test.ts checks they stay equal).
 *
 * Public hooks besides the theme tokens:
 *   --dichtbij-chat-launcher-offset          distance from the viewport edges (default 1rem)
 *   --dichtbij-chat-launcher-offset-block    distance from the bottom (e.g. above a cookie banner)
 *   --dichtbij-chat-launcher-offset-inline   distance from the side
 *   --dichtbij-chat-launcher-z-index         stacking order (default 1000)
 */
export const launcherCss = `
:host {
  --_bg: var(--dichtbij-chat-launcher-background-color, var(--dichtbij-button-primary-background-color, var(--nl-button-primary-background-color, var(--utrecht-button-primary-action-background-color, var(--basis-color-action-1-inverse-bg-default, #1a4d8f)))));
  --_fg: var(--dichtbij-chat-launcher-color, var(--dichtbij-button-primary-color, var(--nl-button-primary-color, var(--utrecht-button-primary-action-color, var(--basis-color-action-1-inverse-color-default, #ffffff)))));
  --_inline: var(--dichtbij-chat-launcher-offset-inline, var(--dichtbij-chat-launcher-offset, 1rem));
  position: fixed;
  z-index: var(--dichtbij-chat-launcher-z-index, 1000);
  inset-block-end: var(--dichtbij-chat-launcher-offset-block, var(--dichtbij-chat-launcher-offset, 1rem));
  inset-inline-end: var(--_inline);
  display: flex;
  flex-direction: column;
  align-items: end;
  gap: 0.5rem;
  font: 1rem/1.5 var(--dichtbij-text-font-family, var(--utrecht-document-font-family, var(--basis-text-font-family-default, system-ui, sans-serif)));
}
:host([position='start']) {
  inset-inline: var(--_inline) auto;
  align-items: start;
}
section {
  display: flex;
  flex-direction: column;
  align-items: inherit;
  gap: inherit;
}
:host([hidden]),
[hidden] {
  display: none;
}
/* Waiting for the settled state (availability, unread count): hidden, the button would grow; a
   chat panel reopened from an earlier page is usable at once. */
:host([data-pending]:not([open])),
:host([data-pending]) section {
  visibility: hidden;
}
button {
  display: inline-flex;
  align-items: center;
  gap: 0.5rem;
  min-block-size: 3rem;
  padding: 0.5rem 1.25rem 0.5rem 1rem;
  border: 2px solid transparent;
  border-radius: 1.5rem;
  background: var(--_bg);
  color: var(--_fg);
  box-shadow: 0 2px 6px rgb(0 0 0 / 0.3);
  font: inherit;
  font-weight: var(--dichtbij-text-font-weight-bold, var(--basis-text-font-weight-bold, 700));
  cursor: pointer;
}
button:focus-visible {
  outline: var(--dichtbij-focus-outline-width, var(--basis-focus-outline-width, var(--utrecht-focus-outline-width, 2px))) var(--dichtbij-focus-outline-style, var(--basis-focus-outline-style, var(--utrecht-focus-outline-style, solid))) var(--dichtbij-focus-outline-color, var(--basis-focus-outline-color, var(--utrecht-focus-outline-color, #1b1b1f)));
  outline-offset: var(--dichtbij-focus-outline-offset, var(--basis-focus-outline-offset, var(--utrecht-focus-outline-offset, 2px)));
  box-shadow: 0 0 0 2px Canvas;
}
svg {
  inline-size: 1.5rem;
  block-size: 1.5rem;
  fill: currentColor;
}
.vh {
  position: absolute;
  inline-size: 1px;
  block-size: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
}
p {
  max-inline-size: 20rem;
  margin: 0;
  padding: 0.5rem 0.75rem;
  border-radius: 0.75rem;
  background: var(--_bg);
  color: var(--_fg);
}
@media (forced-colors: active) {
  button {
    border-color: ButtonText;
  }
  button:focus-visible {
    outline-color: Highlight;
  }
}
`;
