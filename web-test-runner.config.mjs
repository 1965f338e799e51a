import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { countReporter } from './scripts/wtr-count-reporter.mjs';
import { gatewayPlugin } from './tests/support/wtr-gateway-plugin.mjs';
import { slowModulesPlugin } from './tests/support/wtr-slow-modules-plugin.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/support/chromium.mjs';

process.env.PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD = '1';

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['tests/browser/**/*.test.ts'],
  nodeResolve: { exportConditions: ['@dichtbij/source', 'browser', 'development'] },
  rootDir: '.',
  filterBrowserLogs: ({ args }) => !String(args[0] ?? '').includes('Lit is in dev mode'),
  concurrency: 2,
  testsFinishTimeout: 10 * 60 * 1000,
  testFramework: { config: { timeout: 10000 } },
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    gatewayPlugin(),
    slowModulesPlugin(),
  ],
  reporters: [
    defaultReporter({ reportTestResults: true, reportTestProgress: !process.env.CI }),
    summaryReporter({ flatten: false }),
    countReporter('.tmp/wtr-summary.json'),
  ],
};
