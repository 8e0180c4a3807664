#!/usr/bin/env bash
# Load test on loopback: LoadGenerator -> daemon (otlp -> batch -> otlp) -> NullBackend.
# Prints acknowledged spans/s, the daemon's CPU-µs per span over the measured window, and its
# peak RSS. Everything it starts is stopped on exit.
#
#   bench/run-load.sh                     # 30 s warmup, 30 s measured, exporter gzip
#   COMPRESSION=none DURATION=60 bench/run-load.sh
#
# Environment (all optional):
#   WARMUP=30 DURATION=30      seconds (less warmup measures the JIT compiling Netty, see docs/BENCHMARKS.md)
#   INFLIGHT=16 CONNECTIONS=1  generator requests in flight, gRPC connections
#   COMPRESSION=gzip|none      the daemon's exporter compression (otelcol default: gzip)
#   GZIP_LEVEL=1..9            the exporter's compression_params.level (default: zlib's 6)
#   HEAP=512m                  the daemon's -Xmx
#   DAEMON_JAVA_OPTS=...       more JVM flags for the daemon
#   JFR=1                      record the measured window with JFR (profile settings, with
#                              DebugNonSafepoints so samples land on the right line, not the
#                              nearest safepoint), summarised by io.tributary.bench.JfrSummary.
#                              JFR records from launch: starting it later deoptimises code, and
#                              the window would then measure the JIT compiling it again.
#   REBUILD=1                  rebuild the jars even if they exist
#   DAEMON_JAR=path            run another build of the daemon (e.g. a saved baseline)
set -euo pipefail
cd "$(dirname "$0")/.."

WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
INFLIGHT=${INFLIGHT:-16}
CONNECTIONS=${CONNECTIONS:-1}
COMPRESSION=${COMPRESSION:-gzip}
HEAP=${HEAP:-512m}
DAEMON_JAR=${DAEMON_JAR:-distribution/target/tributary.jar}
BENCH_JAR=bench/target/tributary-bench.jar
OUT=bench/results/$(date +%Y%m%d-%H%M%S)-$COMPRESSION${GZIP_LEVEL:+-$GZIP_LEVEL}
mkdir -p "$OUT"
CONFIG=bench/bench-config.yaml
if [[ -n ${GZIP_LEVEL:-} ]]; then
    CONFIG=$OUT/config.yaml
    sed "s/^    compression: .*/&\n    compression_params: {level: $GZIP_LEVEL}/" bench/bench-config.yaml >"$CONFIG"
fi

if [[ ${REBUILD:-0} == 1 || ! -f $DAEMON_JAR || ! -f $BENCH_JAR ]]; then
    echo "building..."
    ./mvnw -q -B -DskipTests package
fi

for port in 4317 4319 8888; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "port $port is already in use; stop whatever listens there first" >&2
        exit 1
    fi
done

pids=() # stopped in order: the daemon drains into the backend before the backend goes
cleanup() {
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || continue
        timeout 15 tail --pid="$pid" -f /dev/null || kill -9 "$pid" 2>/dev/null || true
    done
}
trap cleanup EXIT

await_port() { # port, pid, name
    for _ in $(seq 150); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then
            return 0
        fi
        if ! kill -0 "$2" 2>/dev/null; then
            echo "$3 exited before listening on $1; see $OUT" >&2
            exit 1
        fi
        sleep 0.1
    done
    echo "$3 did not listen on $1 within 15 s; see $OUT" >&2
    exit 1
}

java -Xmx1g -cp "$BENCH_JAR" io.tributary.bench.NullBackend --port 4319 >"$OUT/null-backend.log" 2>&1 &
backend=$!
pids+=("$backend")
await_port 4319 "$backend" "null backend"

JAVA_OPTS=${DAEMON_JAVA_OPTS:-}
if [[ ${JFR:-0} == 1 ]]; then
    JAVA_OPTS="$JAVA_OPTS -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
    JAVA_OPTS="$JAVA_OPTS -XX:StartFlightRecording=name=bench,settings=profile,maxage=$((WARMUP + DURATION + 60))s"
fi
# shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
TRIBUTARY_BENCH_COMPRESSION=$COMPRESSION java -Xmx"$HEAP" $JAVA_OPTS \
    -jar "$DAEMON_JAR" --config "$CONFIG" >"$OUT/daemon.log" 2>&1 &
daemon=$!
pids=("$daemon" "${pids[@]}")
await_port 4317 "$daemon" "daemon"

if [[ ${JFR:-0} == 1 ]]; then
    (sleep $((WARMUP + DURATION)) && jcmd "$daemon" JFR.dump name=bench begin=-"${DURATION}s" \
        filename="$PWD/$OUT/daemon.jfr" >/dev/null) &
fi

echo "daemon pid $daemon, exporter compression $COMPRESSION, results in $OUT"
timeout $((WARMUP + DURATION + 60)) java -Xmx1g -cp "$BENCH_JAR" io.tributary.bench.LoadGenerator \
    --endpoint localhost:4317 --inflight "$INFLIGHT" --connections "$CONNECTIONS" \
    --warmup "${WARMUP}s" --duration "${DURATION}s" \
    --watch-pid "$daemon" --clk-tck "$(getconf CLK_TCK)" | tee "$OUT/generator.log"

rss_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$daemon/status")
cleanup
pids=()

echo "daemon peak RSS (VmHWM): $((rss_kb / 1024)) MiB (heap -Xmx$HEAP)" | tee -a "$OUT/generator.log"
tail -n 1 "$OUT/null-backend.log"
if [[ -f $OUT/daemon.jfr ]]; then
    java -cp "$BENCH_JAR" io.tributary.bench.JfrSummary "$OUT/daemon.jfr" 30 >"$OUT/profile.txt"
    echo "JFR recording: $OUT/daemon.jfr, summary in $OUT/profile.txt"
fi
