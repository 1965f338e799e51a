/**
 * What `<dichtbij-feedback>` loads on first interaction (or when the browser is idle after the
 * first render), not with the page: the personal-data guard and the phone check
 * (libphonenumber-js) and building what is sent. Keeps the element's first load small.
 */
export { findPii } from '@dichtbij/sdk/pii';
export { checkPhone } from '@dichtbij/sdk/phone';
export { buildFeedbackInput, feedbackPage, removePii } from '@dichtbij/sdk/feedback';
