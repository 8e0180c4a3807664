#!/usr/bin/env bash
# The compatibility lab: builds the reference otelcol (compat/build.sh), packages Tributary, bench
# (whose fake Kubernetes API the k8s-agent scenario runs) and the lab, then runs every scenario
# whose name contains $1 (all without it) against both.
# Exits with the lab's status: non-zero on any difference not allowed in docs/COMPATIBILITY.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
compat/build.sh
./mvnw -q -B -Pcompat -pl distribution,bench,compat -am -DskipTests package
exec java -jar compat/target/compat-lab.jar "$@"
