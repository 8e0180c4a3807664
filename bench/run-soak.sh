#!/usr/bin/env bash
# Soak test (issue 6), not part of `verify`: a steady OTLP/gRPC load into the daemon
# (otlp -> batch -> otlp) whose backend is stopped and restarted every 30 s, for 10 minutes.
# At the end the queue drains and the driver (io.tributary.bench.Soak) checks
#   spans acknowledged = spans delivered + spans counted dropped
# and that the daemon's RSS stayed flat (last 2 minutes vs minutes 2-4, at most +20 %).
# Exits non-zero when either fails. Everything it starts is stopped on exit.
#
#   bench/run-soak.sh                          # 600 s, 5,000 spans/s, flap every 30 s
#   DURATION=120 RATE=2000 bench/run-soak.sh
#
# Environment (all optional):
#   DURATION=600 FLAP=30     seconds
#   RATE=5000                spans/s, in 100-span requests
#   HEAP=512m                the daemon's heap, fixed (-Xms = -Xmx, pre-touched) so that RSS
#                            shows native growth, not G1 sizing the heap up and down
#   MAX_ELAPSED=0            the exporter's retry_on_failure.max_elapsed_time (0: retry forever)
#   REBUILD=1                rebuild the jars even if they exist
#   DAEMON_JAR=path          run another build of the daemon
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-600}
FLAP=${FLAP:-30}
RATE=${RATE:-5000}
HEAP=${HEAP:-512m}
MAX_ELAPSED=${MAX_ELAPSED:-0}
DAEMON_JAR=${DAEMON_JAR:-distribution/target/tributary.jar}
BENCH_JAR=bench/target/tributary-bench.jar
OUT=bench/results/$(date +%Y%m%d-%H%M%S)-soak
mkdir -p "$OUT"

if [[ ${REBUILD:-0} == 1 || ! -f $DAEMON_JAR || ! -f $BENCH_JAR ]]; then
    echo "building..."
    ./mvnw -q -B -DskipTests -pl bench -am package
fi

free_port() { # a random unprivileged port nothing listens on
    local port
    while :; do
        port=$((20000 + RANDOM % 40000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return
        fi
    done
}
RECEIVER=$(free_port)
BACKEND=$(free_port)
METRICS=$(free_port)

cat >"$OUT/config.yaml" <<YAML
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: localhost:$RECEIVER
processors:
  batch:
exporters:
  otlp:
    endpoint: localhost:$BACKEND
    tls:
      insecure: true
    compression: none
    retry_on_failure:
      max_elapsed_time: ${MAX_ELAPSED}s
service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [otlp]
  telemetry:
    metrics:
      address: localhost:$METRICS
YAML

daemon=
cleanup() {
    if [[ -n $daemon ]]; then
        kill "$daemon" 2>/dev/null || return 0
        timeout 15 tail --pid="$daemon" -f /dev/null || kill -9 "$daemon" 2>/dev/null || true
    fi
}
trap cleanup EXIT

java -Xms"$HEAP" -Xmx"$HEAP" -XX:+AlwaysPreTouch -jar "$DAEMON_JAR" --config "$OUT/config.yaml" >"$OUT/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 150); do
    (exec 3<>"/dev/tcp/127.0.0.1/$RECEIVER") 2>/dev/null && break
    kill -0 "$daemon" 2>/dev/null || { echo "daemon exited; see $OUT/daemon.log" >&2; exit 1; }
    sleep 0.1
done

echo "daemon pid $daemon (heap $HEAP, fixed), results in $OUT"
status=0
timeout $((DURATION + 300)) java -Xmx1g -cp "$BENCH_JAR" io.tributary.bench.Soak \
    --endpoint "localhost:$RECEIVER" --backend-port "$BACKEND" --metrics "http://localhost:$METRICS/metrics" \
    --pid "$daemon" --duration "${DURATION}s" --flap "${FLAP}s" --rate "$RATE" | tee "$OUT/soak.log" || status=$?
exit "$status"
