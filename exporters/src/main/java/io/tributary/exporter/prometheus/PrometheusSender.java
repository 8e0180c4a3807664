package io.tributary.exporter.prometheus;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentLog;
import io.tributary.core.component.Host;
import io.tributary.core.component.Kind;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.core.net.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prometheus exporter's two sides: what the pipeline sends is accumulated (after
 * {@code resource_to_telemetry_conversion}), and each scrape of {@code /metrics} gets the
 * accumulated series in the format it asked for (text, OpenMetrics or protobuf), gzipped when it
 * accepts gzip, as promhttp serves them. Any method is answered; other paths get 404.
 */
final class PrometheusSender implements Sender {
    private static final Logger LOG = LoggerFactory.getLogger(PrometheusSender.class);
    static final String PATH = "/metrics";
    private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

    private final ComponentContext context;
    private final PrometheusExporterConfig config;
    private final Accumulator accumulator;
    private final MetricFamilies families;
    private volatile HttpServer server;

    PrometheusSender(ComponentContext context, PrometheusExporterConfig config) {
        this.context = context;
        this.config = config;
        this.accumulator = new Accumulator(context.clock(), config.metricExpiration());
        this.families = new MetricFamilies(config, context.clock(), new MetricFamilies.Log() {
            @Override
            public void error(String message) {
                logError(message);
            }

            @Override
            public void descriptionConflict(String instrument, String existing, String dropped) {
                ComponentLog.of(LOG.atInfo(), Kind.EXPORTER, context.id(), Signal.METRICS).addKeyValue("instrument", instrument)
                        .addKeyValue("existing", existing).addKeyValue("dropped", dropped).log("Instrument description conflict, using existing");
            }
        });
    }

    @Override
    public void start(Host host) throws Exception {
        server = config.server().start("exporters::" + context.id(), context, host,
                (request, client) -> CompletableFuture.completedFuture(respond(request)));
    }

    @Override
    public void send(Traces traces, Duration timeout) {
        throw new UnsupportedOperationException("the prometheus exporter does not export traces");
    }

    @Override
    public <D extends SignalData<D, ?>> void send(Signal<D> signal, D data, Duration timeout) {
        for (ResourceMetrics resourceMetrics : ((Metrics) data).resourceMetrics()) {
            accumulator.accumulate(ResourceToTelemetryConversion.apply(config.resourceToTelemetryConversion(), resourceMetrics));
        }
    }

    FullHttpResponse respond(FullHttpRequest request) {
        if (!new QueryStringDecoder(request.uri()).path().equals(PATH)) {
            return HttpServer.response(HttpResponseStatus.NOT_FOUND, PLAIN_TEXT, "404 page not found\n");
        }
        MetricFamilies.Gathered gathered = families.gather(accumulator.collect());
        if (!gathered.errors().isEmpty()) {
            String errors = multiError(gathered.errors());
            logError("error gathering metrics: " + errors);
            if (gathered.families().isEmpty()) {
                return HttpServer.response(HttpResponseStatus.INTERNAL_SERVER_ERROR, PLAIN_TEXT,
                        "An error has occurred while serving metrics:\n\n" + errors + "\n");
            }
        }
        ScrapeFormat format = ScrapeFormat.negotiate(request.headers().get(HttpHeaderNames.ACCEPT), config.enableOpenMetrics());
        byte[] body = format.kind() == ScrapeFormat.Kind.PROTOBUF ? ProtobufWriter.write(gathered.families(), format.escaping())
                : ExpositionWriter.write(gathered.families(), format).getBytes(StandardCharsets.UTF_8);
        if (!acceptsGzip(request.headers().get(HttpHeaderNames.ACCEPT_ENCODING))) {
            return HttpServer.response(HttpResponseStatus.OK, format.contentType(), body);
        }
        FullHttpResponse response = HttpServer.response(HttpResponseStatus.OK, format.contentType(), gzip(body));
        response.headers().set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
        return response;
    }

    /** promhttp's choice between identity and gzip: the first offer with the highest {@code q}, identity offered first. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        double best = -1;
        String chosen = "identity";
        for (String offer : List.of("identity", "gzip")) {
            for (String spec : acceptEncoding.split(",")) {
                String[] parts = spec.split(";");
                String value = parts[0].strip();
                double q = 1;
                for (int i = 1; i < parts.length; i++) {
                    String param = parts[i].strip();
                    if (param.startsWith("q=")) {
                        q = parseQ(param.substring(2));
                    }
                }
                if (q > best && (value.equals("*") || value.equalsIgnoreCase(offer))) {
                    best = q;
                    chosen = offer;
                }
            }
        }
        return best > 0 && chosen.equals("gzip");
    }

    private static double parseQ(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    /** client_golang's {@code MultiError} text (a single error alone), as promhttp logs and answers a failed gathering. */
    private static String multiError(List<String> errors) {
        if (errors.size() == 1) {
            return errors.get(0);
        }
        StringBuilder text = new StringBuilder().append(errors.size()).append(" error(s) occurred:");
        errors.forEach(error -> text.append("\n* ").append(error));
        return text.toString();
    }

    private void logError(String message) {
        ComponentLog.of(LOG.atError(), Kind.EXPORTER, context.id(), Signal.METRICS).log(message);
    }

    @Override
    public Map<String, InetSocketAddress> addresses() {
        HttpServer running = server;
        return running != null && running.address() instanceof InetSocketAddress address ? Map.of("http", address) : Map.of();
    }

    @Override
    public void shutdown() {
        HttpServer running = server;
        if (running != null) {
            running.close();
        }
    }
}
