#!/usr/bin/env bash
# The whole test suite: lint, types, unit, contract, browser, e2e, Storybook build.
set -euo pipefail
cd "$(dirname "$0")/.."
DICHTBIJ_WITH_POSTGRES=1 bash scripts/bootstrap.sh
exec node scripts/test-all.mjs "$@"
