#!/usr/bin/env bash
# Starts the demo: Storybook (and, once it exists, the gateway with the demo site).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec node scripts/demo.mjs "$@"
