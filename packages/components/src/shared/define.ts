/**
 * Registers a custom element once. A second copy of Dichtbij on the same page (two CMS
 * blocks, two bundles) must not throw "already defined".
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (typeof customElements === 'undefined' || customElements.get(tag)) return;
  customElements.define(tag, constructor);
}
