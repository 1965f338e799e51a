/** A `tel:` link for a number as a gemeente writes it ("14 0345", "+31 (0)30 123 4567"); undefined when it has no digits. */
export function telHref(phone: string): string | undefined {
  const digits = phone
    .replace(/\(0\)/g, '')
    .replace(/[^\d+]/g, '')
    .replace(/(?!^)\+/g, '');
  return /\d{3,}/.test(digits) ? `tel:${digits}` : undefined;
}
