#!/usr/bin/env bash
# Starts the demo: the gateway with the demo gemeente site and KCC console, and Storybook.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
bash scripts/build.sh
exec node scripts/demo.mjs "$@"
