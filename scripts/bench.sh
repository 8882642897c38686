#!/usr/bin/env bash
# Bundle sim-core's benchmark with esbuild (as the browser worker will be bundled) and run it in Node.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench-out
npx esbuild sim-core/bench/bench.ts --bundle --platform=node --format=esm --outfile=bench-out/bench.mjs --log-level=warning
node --max-old-space-size=8192 bench-out/bench.mjs "$@"
