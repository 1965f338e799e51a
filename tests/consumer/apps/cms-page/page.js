// The CMS page's own script (a file: the page's CSP allows no inline script).
document.addEventListener('dichtbij-submitted', (event) => {
  document.querySelector('#sent').textContent = `sent ${event.detail.id ?? ''} (${event.detail.result})`;
});
// Both copies loaded: the elements are defined once and nothing threw.
Promise.all([customElements.whenDefined('dichtbij-feedback'), customElements.whenDefined('dichtbij-config')]).then(
  () => (document.body.dataset.copies = 'ok'),
);
