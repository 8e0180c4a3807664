#!/usr/bin/env bash
# UDP load test on loopback: JaegerUdpLoadGenerator -> daemon (jaeger thrift_compact on 6831 ->
# batch -> otlp) -> NullBackend (inside the generator's JVM, which counts delivered spans: UDP has
# no acknowledgement). Prints spans/s delivered, loss, the daemon's CPU-µs per delivered span over
# the measured window and its peak RSS. Everything it starts is stopped on exit.
#
#   RATE=2000 bench/run-jaeger-udp.sh                    # datagrams/s, ≈ 40 spans each
#   RATE=4000 COMPRESSION=none SOCKET_BUFFER=4194304 bench/run-jaeger-udp.sh
#
# Environment (all optional):
#   RATE=1000                  datagrams/s offered (the pool averages 40 spans per datagram)
#   WARMUP=30 DURATION=30      seconds (less warmup measures the JIT, see docs/BENCHMARKS.md)
#   COMPRESSION=gzip|none      the daemon's exporter compression (otelcol default: gzip)
#   QUEUE_SIZE=1000 WORKERS=10 the receiver's thrift_compact queue_size and workers (otelcol defaults)
#   SOCKET_BUFFER=0            the receiver's socket_buffer_size in bytes (0: the kernel's default;
#                              the kernel caps it at net.core.rmem_max)
#   HEAP=512m                  the daemon's -Xmx
#   DAEMON_JAVA_OPTS=...       more JVM flags for the daemon
#   REBUILD=1                  rebuild the jars even if they exist
#   DAEMON_JAR=path            run another build of the daemon
set -euo pipefail
cd "$(dirname "$0")/.."

RATE=${RATE:-1000}
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
COMPRESSION=${COMPRESSION:-gzip}
QUEUE_SIZE=${QUEUE_SIZE:-1000}
WORKERS=${WORKERS:-10}
SOCKET_BUFFER=${SOCKET_BUFFER:-0}
HEAP=${HEAP:-512m}
DAEMON_JAR=${DAEMON_JAR:-distribution/target/tributary.jar}
BENCH_JAR=bench/target/tributary-bench.jar
OUT=bench/results/$(date +%Y%m%d-%H%M%S)-jaeger-udp-$RATE-$COMPRESSION
mkdir -p "$OUT"

if [[ ${REBUILD:-0} == 1 || ! -f $DAEMON_JAR || ! -f $BENCH_JAR ]]; then
    echo "building..."
    ./mvnw -q -B -DskipTests package
fi

for port in 4319 8888; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "port $port is already in use; stop whatever listens there first" >&2
        exit 1
    fi
done
if grep -q ':1AAF ' /proc/net/udp; then # 6831 in hex; bash cannot probe a UDP port
    echo "udp port 6831 is already in use; stop whatever listens there first" >&2
    exit 1
fi

daemon=
cleanup() {
    if [[ -n $daemon ]]; then
        kill "$daemon" 2>/dev/null || return 0
        timeout 15 tail --pid="$daemon" -f /dev/null || kill -9 "$daemon" 2>/dev/null || true
    fi
}
trap cleanup EXIT

# shellcheck disable=SC2086 # DAEMON_JAVA_OPTS is a list of flags
TRIBUTARY_BENCH_COMPRESSION=$COMPRESSION TRIBUTARY_BENCH_QUEUE_SIZE=$QUEUE_SIZE TRIBUTARY_BENCH_WORKERS=$WORKERS \
    TRIBUTARY_BENCH_SOCKET_BUFFER=$SOCKET_BUFFER java -Xmx"$HEAP" ${DAEMON_JAVA_OPTS:-} \
    -jar "$DAEMON_JAR" --config bench/bench-jaeger-udp.yaml >"$OUT/daemon.log" 2>&1 &
daemon=$!
# The metrics port opens once the pipeline is built, so the UDP port is bound by then.
for _ in $(seq 150); do
    if (exec 3<>/dev/tcp/127.0.0.1/8888) 2>/dev/null; then
        break
    fi
    if ! kill -0 "$daemon" 2>/dev/null; then
        echo "daemon exited before listening; see $OUT/daemon.log" >&2
        exit 1
    fi
    sleep 0.1
done

echo "daemon pid $daemon; queue_size $QUEUE_SIZE, workers $WORKERS, socket_buffer_size $SOCKET_BUFFER," \
    "exporter compression $COMPRESSION; load average $(cut -d' ' -f1-3 /proc/loadavg); results in $OUT"
timeout $((WARMUP + DURATION + 90)) java -Xmx1g -cp "$BENCH_JAR" io.tributary.bench.JaegerUdpLoadGenerator \
    --target 127.0.0.1:6831 --backend-port 4319 --rate "$RATE" \
    --warmup "${WARMUP}s" --duration "${DURATION}s" \
    --watch-pid "$daemon" --clk-tck "$(getconf CLK_TCK)" | tee "$OUT/generator.log"

rss_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$daemon/status")
# Datagrams the receiver's queue refused (queue_full) and spans the pipeline refused, from the daemon's own metrics.
curl -s -m 5 http://localhost:8888/metrics | grep -E '^(otelcol_receiver_refused_spans|tributary_receiver_refused_messages)' \
    | sed -E 's/\{.*(reason="[a-z_]+").*\}/ \1/; s/\{[^}]*\}//' >"$OUT/daemon-metrics.txt" || true
cleanup
daemon=

{
    echo "daemon peak RSS (VmHWM): $((rss_kb / 1024)) MiB (heap -Xmx$HEAP); load average $(cut -d' ' -f1-3 /proc/loadavg)"
    cat "$OUT/daemon-metrics.txt"
} | tee -a "$OUT/generator.log"
