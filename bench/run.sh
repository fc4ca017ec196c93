#!/usr/bin/env bash
# Builds the functions and the benchmark rig, runs every benchmark, and writes docs/benchmarks.md.
# Usage: bash bench/run.sh [--runs N] [--warm N]
#            [--sections size,cold,priming,levers,warm,depth,schedule,events,serve,scale]
#        bash bench/run.sh --sections compare --before DIR   # this build's functions against DIR/<module>.jar
# Takes about 30 minutes on a 2-core machine, and the scale section about 20 more. Needs a JDK 25+ (local/jdk.sh
# finds one) and Maven (offline once dependencies are cached).
set -euo pipefail
cd "$(dirname "$0")/.."

source local/jdk.sh
jdk_use
command -v taskset >/dev/null || { echo "taskset (util-linux) is needed for the pinned cold starts" >&2; exit 1; }

mvn -B -q ${MAVEN_ARGS:-} -Pbench package -DskipTests
exec java -cp "bench/rig/target/classes:bench/rig/target/lib/*" \
  dev.invoices.bench.Benchmarks --repo . --command "bash bench/run.sh${*:+ $*}" "$@"
