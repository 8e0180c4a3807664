#!/usr/bin/env bash
# Load test on loopback: LoadGenerator -> daemon (otlp -> batch -> otlp) -> NullBackend.
# Prints acknowledged items/s (spans, metric data points or log records), the daemon's CPU-µs per
# item over the measured window, and its peak RSS; with IDLE, first its CPU use with no traffic. The daemon is Tributary or the
# reference otelcol (compat/perf.sh runs both side by side). Everything it starts is stopped on
# exit. The figures also go to result.properties in the results directory, for scripts.
#
#   bench/run-load.sh                     # 30 s warmup, 30 s measured, exporter gzip
#   COMPRESSION=none DURATION=60 bench/run-load.sh
#   DAEMON=otelcol RATE=10000 IDLE=20 bench/run-load.sh
#   CONFIG=bench/bench-tail-sampling.yaml FRESH_TRACE_IDS=1 bench/run-load.sh
#   SIGNAL=metrics COMPRESSION=none bench/run-load.sh
#   CONFIG=bench/bench-agent-k8s.yaml RATE=10000 bench/run-load.sh   # with the fake Kubernetes API
#
# Environment (all optional):
#   SIGNAL=traces|metrics|logs what the generator sends: 100 spans, 160 data points or 150 log
#                              records a request (about 39 KB each); for metrics and logs the
#                              config's traces pipeline becomes a pipeline of that signal
#   DAEMON=tributary|otelcol|floor which collector runs the config (otelcol: $OTELCOL); floor is
#                              no collector but bench.Http2Floor, Netty's HTTP/2 answering each call
#                              without reading it, with the JVM flags below: the least a request costs
#   OTELCOL=compat/target/bin/otelcol   the otelcol binary (compat/build.sh builds it)
#   CONFIG=bench/bench-config.yaml      the daemon's config; bench/bench-tail-sampling.yaml adds
#                              tail_sampling, bench/bench-agent.yaml is the node agent's pipeline
#                              (memory_limiter, resource, batch) and bench/bench-agent-k8s.yaml the
#                              same with k8sattributes and resourcedetection (for KUBE_API),
#                              bench/bench-red.yaml adds the spanmetrics and servicegraph connectors. All
#                              suit both daemons; a config of your own must listen on 4317 and
#                              export to 4319.
#   KUBE_API=0|1               1: start bench.FakeKubeApi (a Kubernetes API on loopback) and give the
#                              daemon KUBECONFIG (its kubeconfig) and K8S_NODE_NAME (its node).
#                              Default: 1 when the config has `auth_type: kubeConfig`.
#   WARMUP=30 DURATION=30      seconds (less warmup measures the JIT compiling Netty, see docs/BENCHMARKS.md)
#   RATE=0                     items/s the generator offers (0: as fast as the daemon answers)
#   INFLIGHT=16 CONNECTIONS=1  generator requests in flight (at most, when paced), gRPC connections
#   ITEMS=0                    items a request (0: the signal's default, 100 spans; an SDK's batch
#                              processor sends up to 512)
#   FRESH_TRACE_IDS=0          1: new trace IDs on every pass over the generator's pool (for tail_sampling)
#   IDLE=0 IDLE_SETTLE=10      seconds: with IDLE > 0, the daemon's CPU is read over IDLE seconds
#                              with no traffic, IDLE_SETTLE seconds after it listens, before the load
#   COMPRESSION=gzip|none      the daemon's exporter compression (otelcol default: gzip)
#   GZIP_LEVEL=1..9            the exporter's compression_params.level (default: zlib's 6; Tributary only)
#   HEAP=512m                  the daemon's -Xmx (the JVM daemons only, Tributary and floor, like the three below)
#   DAEMON_JAVA_OPTS=...       more JVM flags for the daemon
#   JFR=1                      record the measured window with JFR (profile settings, with
#                              DebugNonSafepoints so samples land on the right line, not the
#                              nearest safepoint), summarised by io.tributary.bench.JfrSummary.
#                              JFR records from launch: starting it later deoptimises code, and
#                              the window would then measure the JIT compiling it again.
#   REBUILD=1                  rebuild the jars even if they exist
#   DAEMON_JAR=path            run another build of the daemon (e.g. a saved baseline)
#   OUT=dir                    where logs and results go (default: a new directory under bench/results/)
set -euo pipefail
cd "$(dirname "$0")/.."

SIGNAL=${SIGNAL:-traces}
DAEMON=${DAEMON:-tributary}
OTELCOL=${OTELCOL:-compat/target/bin/otelcol}
CONFIG=${CONFIG:-bench/bench-config.yaml}
WARMUP=${WARMUP:-30}
DURATION=${DURATION:-30}
RATE=${RATE:-0}
INFLIGHT=${INFLIGHT:-16}
CONNECTIONS=${CONNECTIONS:-1}
ITEMS=${ITEMS:-0}
FRESH_TRACE_IDS=${FRESH_TRACE_IDS:-0}
IDLE=${IDLE:-0}
IDLE_SETTLE=${IDLE_SETTLE:-10}
COMPRESSION=${COMPRESSION:-gzip}
KUBE_API=${KUBE_API:-$(grep -q 'auth_type: *kubeConfig' "$CONFIG" && echo 1 || echo 0)}
HEAP=${HEAP:-512m}
DAEMON_JAR=${DAEMON_JAR:-distribution/target/tributary.jar}
BENCH_JAR=bench/target/tributary-bench.jar
OUT=${OUT:-bench/results/$(date +%Y%m%d-%H%M%S)-$DAEMON-$SIGNAL-$(basename "$CONFIG" .yaml)-$COMPRESSION${GZIP_LEVEL:+-$GZIP_LEVEL}-rate$RATE}
mkdir -p "$OUT"

case $SIGNAL in
traces) items=spans ;;
metrics) items=metric_points ;;
logs) items=log_records ;;
*)
    echo "SIGNAL must be traces, metrics or logs, not $SIGNAL" >&2
    exit 1
    ;;
esac

case $DAEMON in
tributary | floor) ;;
otelcol)
    if [[ ! -x $OTELCOL ]]; then
        echo "no otelcol binary at $OTELCOL: build it with compat/build.sh (or set OTELCOL)" >&2
        exit 1
    fi
    if [[ -n ${GZIP_LEVEL:-} || ${JFR:-0} == 1 ]]; then
        echo "GZIP_LEVEL and JFR apply to Tributary only (otelcol's otlp exporter has no compression_params)" >&2
        exit 1
    fi
    ;;
*)
    echo "DAEMON must be tributary, otelcol or floor, not $DAEMON" >&2
    exit 1
    ;;
esac

if [[ -n ${GZIP_LEVEL:-} ]]; then
    sed "s/^    compression: .*/&\n    compression_params: {level: $GZIP_LEVEL}/" "$CONFIG" >"$OUT/config.yaml"
    CONFIG=$OUT/config.yaml
fi
if [[ $SIGNAL != traces ]]; then
    # The same daemon, its one pipeline carrying the other signal.
    sed "s/^    traces:\$/    $SIGNAL:/" "$CONFIG" >"$OUT/config-$SIGNAL.yaml"
    if ! grep -q "^    $SIGNAL:\$" "$OUT/config-$SIGNAL.yaml"; then
        echo "$CONFIG has no traces pipeline (service::pipelines::traces) to turn into a $SIGNAL pipeline" >&2
        exit 1
    fi
    CONFIG=$OUT/config-$SIGNAL.yaml
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

if [[ $KUBE_API == 1 ]]; then
    java -Xmx256m -cp "$BENCH_JAR" io.tributary.bench.FakeKubeApi --port 0 --kubeconfig "$OUT/kubeconfig" \
        >"$OUT/fake-kube-api.log" 2>&1 &
    kube_api=$!
    pids+=("$kube_api")
    for _ in $(seq 300); do
        if grep -qx ready "$OUT/fake-kube-api.log"; then
            break
        fi
        if ! kill -0 "$kube_api" 2>/dev/null; then
            echo "the fake Kubernetes API exited before it was ready; see $OUT/fake-kube-api.log" >&2
            exit 1
        fi
        sleep 0.1
    done
    if ! grep -qx ready "$OUT/fake-kube-api.log"; then
        echo "the fake Kubernetes API was not ready within 30 s; see $OUT/fake-kube-api.log" >&2
        exit 1
    fi
    # FakeKubeApi's node, on which every one of its pods runs.
    KUBECONFIG=$(realpath "$OUT/kubeconfig")
    export KUBECONFIG K8S_NODE_NAME=bench-node
fi

if [[ $DAEMON == otelcol ]]; then
    TRIBUTARY_BENCH_COMPRESSION=$COMPRESSION "$OTELCOL" --config "$CONFIG" >"$OUT/daemon.log" 2>&1 &
else
    JAVA_OPTS=${DAEMON_JAVA_OPTS:-}
    if [[ ${JFR:-0} == 1 ]]; then
        JAVA_OPTS="$JAVA_OPTS -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints"
        JAVA_OPTS="$JAVA_OPTS -XX:StartFlightRecording=name=bench,settings=profile,maxage=$((IDLE_SETTLE + IDLE + WARMUP + DURATION + 60))s"
    fi
    if [[ $DAEMON == floor ]]; then
        # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
        java -Xmx"$HEAP" $JAVA_OPTS -cp "$BENCH_JAR" io.tributary.bench.Http2Floor --port 4317 >"$OUT/daemon.log" 2>&1 &
    else
        # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
        TRIBUTARY_BENCH_COMPRESSION=$COMPRESSION java -Xmx"$HEAP" $JAVA_OPTS \
            -jar "$DAEMON_JAR" --config "$CONFIG" >"$OUT/daemon.log" 2>&1 &
    fi
fi
daemon=$!
pids=("$daemon" "${pids[@]}")
await_port 4317 "$daemon" "$DAEMON"

cpu_ticks() { # utime + stime of a process; the fields after the command name, which may hold spaces
    awk '{ sub(/.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"
}
idle_cpu_ms_per_s=
if ((IDLE > 0)); then
    sleep "$IDLE_SETTLE" # startup work (class loading, the first JIT compilations, connecting) is not idling
    ticks_before=$(cpu_ticks "$daemon")
    sleep "$IDLE"
    ticks=$(($(cpu_ticks "$daemon") - ticks_before))
    ms_per_s() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" -v s="$IDLE" 'BEGIN { printf "%.2f", t * 1000 / hz / s }'; }
    idle_cpu_ms_per_s=$(ms_per_s "$ticks")
    # The kernel counts CPU time in clock ticks: one tick over the window is the resolution.
    echo "$DAEMON idle: $idle_cpu_ms_per_s CPU-ms/s over $IDLE s with no traffic (resolution $(ms_per_s 1) ms/s)" | tee "$OUT/idle.log"
fi

if [[ ${JFR:-0} == 1 ]]; then
    (sleep $((WARMUP + DURATION)) && jcmd "$daemon" JFR.dump name=bench begin=-"${DURATION}s" \
        filename="$(realpath "$OUT")/daemon.jfr" >/dev/null) &
fi

echo "$DAEMON pid $daemon, $SIGNAL, config $CONFIG, exporter compression $COMPRESSION, results in $OUT"
fresh=false
if [[ $FRESH_TRACE_IDS == 1 ]]; then
    fresh=true
fi
timeout $((WARMUP + DURATION + 60)) java -Xmx1g -cp "$BENCH_JAR" io.tributary.bench.LoadGenerator \
    --endpoint localhost:4317 --signal "$SIGNAL" --inflight "$INFLIGHT" --connections "$CONNECTIONS" --rate "$RATE" --items "$ITEMS" \
    --fresh-trace-ids "$fresh" --warmup "${WARMUP}s" --duration "${DURATION}s" \
    --watch-pid "$daemon" --clk-tck "$(getconf CLK_TCK)" --result "$OUT/result.properties" | tee "$OUT/generator.log"

rss_kb=$(awk '/^VmHWM/ {print $2}' "/proc/$daemon/status")
# The daemon's own counters over the whole run: what share of the items it accepted it has
# exported tells whether two daemons did the same work (tail_sampling keeps about one in six).
curl -sf http://localhost:8888/metrics >"$OUT/metrics.txt" || echo "could not scrape the daemon's self-metrics" >&2
counter() { # sum of a counter's series, with or without the _total suffix (it depends on the reader)
    awk -v name="$1" '$1 ~ "^" name "(_total)?([{]|$)" { sum += $NF } END { printf "%.0f", sum }' "$OUT/metrics.txt"
}
accepted=$(counter "otelcol_receiver_accepted_$items")
exported=$(counter "otelcol_exporter_sent_$items")
exported_percent=
if ((accepted > 0)); then
    exported_percent=$(awk -v e="$exported" -v a="$accepted" 'BEGIN { printf "%.1f", 100 * e / a }')
    echo "$DAEMON exported $exported of the $accepted ${items//_/ } it accepted ($exported_percent %) by the end of the window" | tee -a "$OUT/generator.log"
fi
cleanup
pids=()

heap_note=
if [[ $DAEMON != otelcol ]]; then
    heap_note=" (heap -Xmx$HEAP)"
fi
echo "$DAEMON peak RSS (VmHWM): $((rss_kb / 1024)) MiB$heap_note" | tee -a "$OUT/generator.log"
cat >>"$OUT/result.properties" <<PROPERTIES
daemon=$DAEMON
signal=$SIGNAL
config=$CONFIG
compression=$COMPRESSION
peak_rss_mib=$((rss_kb / 1024))
idle_cpu_ms_per_s=$idle_cpu_ms_per_s
exported_percent=$exported_percent
PROPERTIES
tail -n 1 "$OUT/null-backend.log"
if [[ -f $OUT/daemon.jfr ]]; then
    java -cp "$BENCH_JAR" io.tributary.bench.JfrSummary "$OUT/daemon.jfr" 30 >"$OUT/profile.txt"
    echo "JFR recording: $OUT/daemon.jfr, summary in $OUT/profile.txt"
fi
