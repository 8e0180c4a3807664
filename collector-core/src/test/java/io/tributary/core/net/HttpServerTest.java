package io.tributary.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpServerTest {
    private static final int LIMIT = 1024;

    private final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ExecutorService workers = Executors.newFixedThreadPool(2, r -> new Thread(r, "test-worker"));
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<HttpServer> servers = new ArrayList<>();

    @AfterEach
    void tearDown() {
        servers.forEach(HttpServer::close);
        workers.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void handlerRunsOnTheExecutorNotOnTheEventLoop() throws Exception {
        HttpServer server = start(request -> ok(Thread.currentThread().getName()));

        assertThat(get(server, "/").body()).isEqualTo("test-worker");
    }

    @Test
    void rejectedByTheExecutorIs503WithRetryAfter() throws Exception {
        HttpServer server = start(new InetSocketAddress("127.0.0.1", 0), r -> {
            throw new RejectedExecutionException("full");
        }, request -> ok("never"));

        HttpResponse<String> response = get(server, "/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).hasValue("1");
    }

    @Test
    void failingHandlerIs500AndTheServerKeepsServing() throws Exception {
        HttpServer server = start(request -> {
            if (request.uri().equals("/boom")) {
                throw new IllegalStateException("boom");
            }
            return ok("fine");
        });

        assertThat(get(server, "/boom").statusCode()).isEqualTo(500);
        assertThat(get(server, "/").body()).isEqualTo("fine");
    }

    @Test
    void bodyAboveTheLimitIs413() throws Exception {
        HttpServer server = start(request -> ok("read " + request.content().readableBytes()));

        HttpResponse<String> tooLarge = client.send(HttpRequest.newBuilder(uri(server, "/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1])).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> atLimit = client.send(HttpRequest.newBuilder(uri(server, "/"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT])).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(atLimit.body()).isEqualTo("read " + LIMIT);
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
        CompletableFuture<FullHttpResponse> slow = new CompletableFuture<>();
        CountDownLatch fastHandled = new CountDownLatch(1);
        HttpServer server = start(request -> {
            if (request.uri().equals("/slow")) {
                return slow;
            }
            fastHandled.countDown();
            return ok("fast");
        });

        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /slow HTTP/1.1\r\nHost: x\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(fastHandled.await(10, TimeUnit.SECONDS)).isTrue();
            slow.complete(ok("slow").join());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));

            assertThat(readBody(in)).isEqualTo("slow");
            assertThat(readBody(in)).isEqualTo("fast");
        }
    }

    @Test
    void bindFailureNamesTheAddress() throws Exception {
        HttpServer first = start(request -> ok(""));
        InetSocketAddress taken = new InetSocketAddress("127.0.0.1", first.address().getPort());

        assertThatThrownBy(() -> start(taken, workers, request -> ok("")))
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getPort() + ":");
    }

    @Test
    void unreadableCertFileFailsStartNamingIt(@TempDir Path dir) {
        Path cert = dir.resolve("absent-cert.pem");
        TlsServerConfig tls = new TlsServerConfig(cert.toString(), dir.resolve("key.pem").toString(), null, null, null, null);

        assertThatThrownBy(() -> HttpServer.start(loops, new InetSocketAddress("127.0.0.1", 0), tls, LIMIT, workers,
                request -> ok(""))).hasMessageContaining("cert_file").hasMessageContaining(cert.toString());
    }

    @Test
    void closeStopsAcceptingConnections() throws Exception {
        HttpServer server = start(request -> ok(""));
        URI uri = uri(server, "/");
        server.close();
        server.close();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(java.io.IOException.class);
    }

    private HttpServer start(HttpServer.Handler handler) throws Exception {
        return start(new InetSocketAddress("127.0.0.1", 0), workers, handler);
    }

    private HttpServer start(InetSocketAddress address, java.util.concurrent.Executor executor, HttpServer.Handler handler)
            throws Exception {
        HttpServer server = HttpServer.start(loops, address, null, LIMIT, executor, handler);
        servers.add(server);
        return server;
    }

    private HttpResponse<String> get(HttpServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(server, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(HttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    private static CompletableFuture<FullHttpResponse> ok(String body) {
        return CompletableFuture.completedFuture(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)));
    }

    /** Reads one response with a Content-Length body from a raw connection. */
    private static String readBody(BufferedReader in) throws Exception {
        int length = -1;
        for (String line = in.readLine(); !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        char[] body = new char[length];
        int read = 0;
        while (read < length) {
            read += in.read(body, read, length - read);
        }
        return new String(body);
    }
}
