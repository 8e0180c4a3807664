package io.tributary.compat;

import io.tributary.testkit.LocalPorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scenario's config with placeholders filled in for one collector instance:
 * <ul>
 * <li>{@code {{port:NAME}}}: a free loopback port, the same one for every use of NAME;
 * a port named {@code health} is where {@link RunningCollector} expects the health check;
 * <li>{@code {{udp:NAME}}}: a free loopback UDP port, likewise (a UDP receiver's; readiness cannot
 * probe it, so a config with one also has a health check, which answers once every receiver started);
 * <li>{@code {{backend:grpc}}}: {@code 127.0.0.1:PORT} of the instance's OTLP/gRPC recording backend;
 * <li>{@code {{backend:http}}}: the base URL of its OTLP/HTTP recording backend;
 * <li>{@code {{backend:raw-http}}}: the base URL of its recording HTTP server (testkit's {@code TestHttpServer}, answering 202 as a Zipkin collector does);
 * <li>{@code {{dir}}}: the instance's own directory, for files a config writes or reads.
 * </ul>
 * Placeholders are filled in before either collector reads the file, so they never meet
 * otelcol's own {@code ${...}} expansion.
 */
final class ConfigTemplate {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z]+)(?::([\\w.-]+))?}}");

    /** The filled-in config, its TCP ports and its UDP ports, each by name. */
    record Rendered(String config, Map<String, Integer> ports, Map<String, Integer> udpPorts) {
    }

    private ConfigTemplate() {
    }

    /** Fills in {@code template}; {@code values} gives every placeholder other than ports (e.g. {@code "backend:grpc"}). */
    static Rendered render(String template, Map<String, String> values) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        Map<String, Integer> udpPorts = new LinkedHashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String kind = matcher.group(1);
            String name = matcher.group(2);
            String value;
            if (kind.equals("port") && name != null) {
                value = Integer.toString(ports.computeIfAbsent(name, n -> LocalPorts.free()));
            } else if (kind.equals("udp") && name != null) {
                value = Integer.toString(udpPorts.computeIfAbsent(name, n -> freeUdpPort()));
            } else {
                String key = name == null ? kind : kind + ":" + name;
                value = values.get(key);
                if (value == null) {
                    throw new IllegalArgumentException("unknown placeholder " + matcher.group());
                }
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return new Rendered(out.toString(), ports, udpPorts);
    }

    /** A port free now: the collector binds it moments later (a port taken meanwhile fails its start loudly). */
    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
