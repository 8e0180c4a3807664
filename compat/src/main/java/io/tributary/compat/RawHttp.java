package io.tributary.compat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** HTTP requests written out by hand, for what no client sends: odd methods, headers, bodies. */
final class RawHttp {
    /** Method, path, headers and body, sent as they are (no header added but the client's own, such as Host). */
    record Request(String method, String path, Map<String, String> headers, byte[] body) {
    }

    private RawHttp() {
    }

    static Request post(String path, String contentType, byte[] body) {
        return new Request("POST", path, Map.of("Content-Type", contentType), body);
    }

    /** Sends {@code request} to the collector's port named {@code port}. */
    static HttpResponse<byte[]> send(RunningCollector collector, String port, Request request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(collector.url(port, request.path()))
                .method(request.method(), request.body().length == 0
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(builder::header);
        return RunningCollector.HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
