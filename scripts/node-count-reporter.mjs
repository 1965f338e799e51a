import { reason } from './wtr-count-reporter.mjs';

// node:test reporter that writes {passed, failed, skipped} of leaf tests as JSON.
export default async function* countReporter(source) {
  const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
  for await (const event of source) {
    if (event.type !== 'test:pass' && event.type !== 'test:fail') continue;
    const { data } = event;
    if (data.details?.type === 'suite') continue;
    if (data.skip || data.todo) counts.skipped++;
    else if (event.type === 'test:pass') counts.passed++;
    else {
      counts.failed++;
      counts.failures.push(
        `${data.file ?? ''} › ${data.name}${reason(data.details?.error?.cause ?? data.details?.error)}`,
      );
    }
  }
  yield JSON.stringify(counts);
}
