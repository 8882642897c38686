#!/usr/bin/env bash
# The whole test suite: installs what the tests need, then type checks, lints and runs
# every test. This is the README's test command (`npm test`) and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v tshark >/dev/null 2>&1 || need_apt+=(tshark)
if [ ${#need_apt[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "test: installing ${need_apt[*]} (Debian packages)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "test: please install ${need_apt[*]} (e.g. sudo apt-get install ${need_apt[*]})" >&2
  fi
fi

[ -d node_modules ] || npm ci --no-audit --no-fund

echo "== typecheck"
npx tsc --noEmit -p tsconfig.json
npx tsc --noEmit -p sim-core/tsconfig.json   # sim-core: no DOM, no Node types
echo "== lint"
npx biome ci .
echo "== unit, property and fuzz tests"
npx vitest run
