package io.tributary.compat;

import com.google.gson.JsonParser;
import io.tributary.testkit.Await;
import io.tributary.testkit.LocalPorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * bench's FakeKubeApi (a Kubernetes API on loopback holding one node and a few pods, the one at
 * 127.0.0.1 owned by a ReplicaSet of a Deployment) as a process of bench's jar, with the
 * kubeconfig it writes. Ready once it printed {@code ready}. Closing stops it with SIGTERM.
 */
final class RunningFakeKubeApi implements AutoCloseable {
    /** The node every pod of the fake runs on: an agent's {@code K8S_NODE_NAME}. */
    static final String NODE = "bench-node";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final long STOP_TIMEOUT_SECONDS = 30;

    private final int port;
    private final Path kubeconfig;
    private final Path log;
    private final Process process;

    private RunningFakeKubeApi(int port, Path kubeconfig, Path log, Process process) {
        this.port = port;
        this.kubeconfig = kubeconfig;
        this.log = log;
        this.process = process;
    }

    static RunningFakeKubeApi start(Lab lab, Path dir) throws IOException {
        int port = LocalPorts.free();
        Path kubeconfig = dir.resolve("kubeconfig");
        Path log = dir.resolve("fake-kube-api.log");
        Process process = new ProcessBuilder(lab.java().toString(), "-Xmx256m", "-cp", lab.benchJar().toString(),
                "io.tributary.bench.FakeKubeApi", "--port", Integer.toString(port), "--kubeconfig", kubeconfig.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RunningFakeKubeApi api = new RunningFakeKubeApi(port, kubeconfig, log, process);
        try {
            Await.until(api::ready, START_TIMEOUT, () -> "the fake Kubernetes API not ready after " + START_TIMEOUT + ":\n"
                    + RunningCollector.tail(log));
            return api;
        } catch (RuntimeException | Error e) {
            api.close();
            throw e;
        }
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("the fake Kubernetes API exited with " + process.exitValue() + ":\n" + RunningCollector.tail(log));
        }
        try {
            return Files.readAllLines(log).contains("ready");
        } catch (IOException e) {
            return false;
        }
    }

    /** What an agent on the fake's node needs: its kubeconfig ({@code KUBECONFIG}) and node name ({@code K8S_NODE_NAME}). */
    Map<String, String> agentEnvironment() {
        return Map.of("KUBECONFIG", kubeconfig.toString(), "K8S_NODE_NAME", NODE);
    }

    /** The UID the API server gave the pod {@code namespace/name} (it chooses UIDs anew at every start). */
    String podUid(String namespace, String name) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + port + "/api/v1/namespaces/" + namespace + "/pods/" + name);
        HttpResponse<String> response = RunningCollector.HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
        }
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("metadata").get("uid").getAsString();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
