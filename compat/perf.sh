#!/usr/bin/env bash
# Tributary and the reference otelcol side by side: the same config, the same traffic, runs
# interleaved (otelcol, tributary, otelcol, ...) so that a change in the machine's load falls on
# both. Each run is one bench/run-load.sh (LoadGenerator -> daemon -> NullBackend on loopback).
# The matrix:
#   scenario       gzip           otlp -> batch -> otlp, exporter compression gzip (otelcol's default)
#                  none           the same, uncompressed
#                  tail_sampling  otlp -> tail_sampling (the seed config's policies) -> batch -> otlp
#                                 (gzip), new trace IDs on every pass over the generator's pool
#                  agent          a Kubernetes node agent: otlp -> memory_limiter -> k8sattributes ->
#                                 resourcedetection -> batch -> otlp (gzip), bench/bench-agent-k8s.yaml,
#                                 against bench.FakeKubeApi; at the fixed rate only (an agent's load
#                                 is its node's traffic), and only when asked for (SCENARIOS)
#   load           saturation     as fast as the daemon answers (16 requests in flight)
#                  RATE/s         a fixed rate of 10,000 spans/s
# Per run: the daemon's CPU-µs per acknowledged span, spans/s, peak RSS and its idle CPU before
# the load. Prints a markdown table of the medians with their ranges and the Tributary / otelcol
# ratio; raw results (every run's logs and result.properties, results.md) go to
# bench/results/<time>-perf/ (git-ignored). Measure on a quiet machine: see docs/BENCHMARKS.md.
#
#   compat/perf.sh                                    # 3 runs of the whole matrix, about an hour
#   WARMUP=5 DURATION=5 IDLE=5 RUNS=1 compat/perf.sh  # a smoke test of the harness, not a measurement
#   SCENARIOS=tail_sampling LOADS=10000 compat/perf.sh
#   SCENARIOS=agent compat/perf.sh                    # the node agent at 10,000 spans/s
#
# Environment (all optional):
#   RUNS=3                      runs per daemon and cell
#   WARMUP=30 DURATION=30       seconds of load before and in the measured window
#   IDLE=20 IDLE_SETTLE=10      seconds of idle measurement, and of waiting for startup to settle before it
#   RATE=10000                  the fixed load, spans/s
#   SCENARIOS="gzip none tail_sampling"   (or agent)   LOADS="0 $RATE" (0: saturation)
#   HEAP=512m                   Tributary's -Xmx (otelcol runs with Go's defaults)
#   OTELCOL=compat/target/bin/otelcol     DAEMON_JAR=distribution/target/tributary.jar
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
RATE=${RATE:-10000}
SCENARIOS=${SCENARIOS:-gzip none tail_sampling}
LOADS=${LOADS:-0 $RATE}
export WARMUP=${WARMUP:-30} DURATION=${DURATION:-30} IDLE=${IDLE:-20} IDLE_SETTLE=${IDLE_SETTLE:-10}
export OTELCOL=${OTELCOL:-compat/target/bin/otelcol}
DAEMONS="otelcol tributary"
BENCH_JAR=bench/target/tributary-bench.jar

if [[ ! -x $OTELCOL ]]; then
    echo "no otelcol binary at $OTELCOL: build it with compat/build.sh (or set OTELCOL)" >&2
    exit 1
fi
if [[ ${REBUILD:-0} == 1 || ! -f ${DAEMON_JAR:-distribution/target/tributary.jar} || ! -f $BENCH_JAR ]]; then
    echo "building..."
    ./mvnw -q -B -DskipTests package -pl bench -am
fi

OUT=bench/results/$(date +%Y%m%d-%H%M%S)-perf
mkdir -p "$OUT"
{
    echo "started $(date -Is) on $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "tributary: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)')"
    echo "otelcol: $("$OTELCOL" --version)"
    echo "RUNS=$RUNS WARMUP=$WARMUP DURATION=$DURATION IDLE=$IDLE IDLE_SETTLE=$IDLE_SETTLE RATE=$RATE"
} | tee "$OUT/machine.txt"

run_one() { # scenario load daemon run -> one bench/run-load.sh into its own directory
    local scenario=$1 load=$2 daemon=$3 run=$4 dir config=bench/bench-config.yaml compression=gzip fresh=0
    case $scenario in
    gzip) ;;
    none) compression=none ;;
    tail_sampling) config=bench/bench-tail-sampling.yaml fresh=1 ;;
    agent) config=bench/bench-agent-k8s.yaml ;; # run-load.sh starts the fake Kubernetes API it needs
    *)
        echo "unknown scenario $scenario (gzip, none, tail_sampling, agent)" >&2
        exit 1
        ;;
    esac
    sequence=$((sequence + 1))
    dir=$OUT/$(printf %03d "$sequence")-$scenario-$load-$daemon-$run
    mkdir -p "$dir"
    printf '%s  run %d/%d  %-13s %-10s %-9s ' "$(date +%H:%M:%S)" "$run" "$RUNS" "$scenario" \
        "$([[ $load == 0 ]] && echo saturation || echo "$load/s")" "$daemon"
    if DAEMON=$daemon CONFIG=$config COMPRESSION=$compression FRESH_TRACE_IDS=$fresh RATE=$load OUT=$dir \
        bench/run-load.sh >"$dir/run-load.log" 2>&1; then
        echo "scenario=$scenario" >>"$dir/result.properties"
        grep -E '^(items_per_s|cpu_us_per_item|peak_rss_mib|idle_cpu_ms_per_s)=' "$dir/result.properties" | tr '\n' ' '
        echo
    else
        # A failed run leaves no result.properties behind, so it does not count in the table.
        rm -f "$dir/result.properties"
        echo "FAILED, see $dir/run-load.log"
    fi
}

sequence=0
for run in $(seq "$RUNS"); do
    for scenario in $SCENARIOS; do
        for load in $LOADS; do
            if [[ $scenario == agent && $load == 0 ]]; then
                continue
            fi
            for daemon in $DAEMONS; do
                run_one "$scenario" "$load" "$daemon" "$run"
            done
        done
    done
done

echo "finished $(date -Is), load average $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/machine.txt"
java -cp "$BENCH_JAR" io.tributary.bench.PerfTable "$OUT" | tee "$OUT/results.md"
echo "raw results: $OUT"
