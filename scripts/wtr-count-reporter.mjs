// web-test-runner reporter that writes {passed, failed, skipped} of all tests to a JSON file.
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** The first lines of a failure's message: the summary at the end of a CI log then shows why. */
export function reason(error) {
  const message = String(error?.message ?? '').trim();
  if (!message) return '';
  const lines = message
    .split('\n')
    .slice(0, 3)
    .map((l) => l.slice(0, 300));
  return `\n      ${lines.join('\n      ')}`;
}

function walk(suite, counts, path) {
  for (const t of suite?.tests ?? []) {
    if (t.skipped) counts.skipped++;
    else if (t.passed) counts.passed++;
    else {
      counts.failed++;
      counts.failures.push(`${path} › ${t.name}${reason(t.error)}`);
    }
  }
  for (const s of suite?.suites ?? []) walk(s, counts, `${path} › ${s.name}`);
}

export function countReporter(file) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { passed: 0, failed: 0, skipped: 0, failures: [] };
      for (const session of sessions) {
        walk(session.testResults, counts, session.testFile);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length ?? 0) > 0) {
          counts.failed++;
          counts.failures.push(`${session.testFile} › ${session.errors[0]?.message ?? 'error'}`);
        }
      }
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(counts));
    },
  };
}
