/**
 * Styles of the settled launcher, adopted with the idle work (./idle.ts) after the first state:
 * the availability text, the live dot and the unread badge, the hover colour and its transition,
 * and moving aside from the page's focused element (WCAG 2.4.11): `flip` puts it on the other
 * side, `hide` steps out of the way until it has focus itself.
 */
export const settledCss = `
.status {
  max-inline-size: 12rem;
  font-weight: normal;
  font-size: 0.875rem;
  line-height: 1.25;
  text-align: start;
}
.status:empty,
.badge:empty {
  display: none;
}
.dot {
  inline-size: 0.625rem;
  block-size: 0.625rem;
  border-radius: 50%;
  background: var(--_fg);
}
.badge {
  padding: 0 0.375rem;
  border-radius: 0.75rem;
  background: var(--_fg);
  color: var(--_bg);
}
@media (forced-colors: active) {
  .badge,
  .dot {
    border: 1px solid;
  }
}
button:hover {
  background: var(--dichtbij-chat-launcher-hover-background-color, var(--dichtbij-button-primary-hover-background-color, var(--nl-button-primary-hover-background-color, var(--utrecht-button-primary-action-hover-background-color, var(--basis-color-action-1-inverse-bg-hover, #143d72)))));
}
@media (prefers-reduced-motion: no-preference) {
  button {
    transition: background-color 150ms;
  }
}
:host([data-aside='flip']:not([position='start'])) {
  inset-inline: var(--_inline) auto;
  align-items: start;
}
:host([data-aside='flip'][position='start']) {
  inset-inline: auto var(--_inline);
  align-items: end;
}
:host([data-aside='hide']:not(:focus-within)) {
  pointer-events: none;
}
:host([data-aside='hide']) section:not(:focus-within),
:host([data-aside='hide']) button:not(:focus) {
  opacity: 0;
  pointer-events: none;
}
`;
