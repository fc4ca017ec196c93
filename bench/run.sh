#!/usr/bin/env bash
# Builds the functions and the benchmark rig, runs every benchmark, and writes docs/benchmarks.md.
# Usage: bash bench/run.sh [--runs N] [--warm N] [--sections cold,levers,warm,depth,schedule,serve,size]
# Takes about 15 minutes on a 2-core machine. Needs JDK 25+ and Maven (offline once dependencies are cached).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" ]] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*25* /usr/lib/jvm/*; do
    if [[ -x "$candidate/bin/java" ]] && "$candidate/bin/java" -version 2>&1 | grep -Eq 'version "(2[5-9]|[3-9][0-9])'; then
      export JAVA_HOME="$candidate"
      break
    fi
  done
fi
export PATH="$JAVA_HOME/bin:$PATH"
export MAVEN_OPTS="${MAVEN_OPTS:---sun-misc-unsafe-memory-access=allow}"
command -v taskset >/dev/null || { echo "taskset (util-linux) is needed for the pinned cold starts" >&2; exit 1; }

mvn -B -q ${MAVEN_ARGS:-} -Pbench package -DskipTests
exec java -cp "bench/rig/target/classes:bench/rig/target/lib/*" \
  dev.invoices.bench.Benchmarks --repo . --command "bash bench/run.sh${*:+ $*}" "$@"
