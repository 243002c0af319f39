#!/usr/bin/env bash
# The fan-out benchmark in one command: builds the production jar, then runs the load client
# (simulated Vaadin tabs and plain WebSocket clients) against it as a separate process.
# Tab counts: BENCH_TABS (default 1,100,1000,5000). Results: bench/results/<date>.md
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -Pproduction -DskipTests package
./mvnw -B -Pbench test -Dtest=FanoutBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.tabs="${BENCH_TABS:-1,100,1000,5000}" -DargLine="-Xmx4g"
