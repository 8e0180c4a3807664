package io.tributary.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.tributary.core.net.auth.AuthenticationException;
import io.tributary.core.net.auth.ServerAuthenticator;
import java.io.BufferedReader;
import java.io.InputStream;
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
import java.time.Duration;
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
    void aHandlerSeesItsCallCancelledWhenTheClientHangsUp() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        CompletableFuture<Boolean> sawCancel = new CompletableFuture<>();
        HttpServer server = start((request, client) -> {
            Context call = Context.current();
            call.addListener(cancelled -> sawCancel.complete(true), Runnable::run);
            handling.countDown();
            try {
                sawCancel.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                sawCancel.completeExceptionally(e);
            }
            return ok("too late");
        });

        try (Socket socket = new Socket("127.0.0.1", port(server))) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(sawCancel.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void handlerRunsOnTheExecutorNotOnTheEventLoop() throws Exception {
        HttpServer server = start((request, peer) -> ok(Thread.currentThread().getName()));

        assertThat(get(server, "/").body()).isEqualTo("test-worker");
    }

    @Test
    void rejectedByTheExecutorIs503WithRetryAfter() throws Exception {
        HttpServer server = start(new InetSocketAddress("127.0.0.1", 0), r -> {
            throw new RejectedExecutionException("full");
        }, (request, peer) -> ok("never"));

        HttpResponse<String> response = get(server, "/");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("retry-after")).hasValue("1");
    }

    @Test
    void failingHandlerIs500AndTheServerKeepsServing() throws Exception {
        HttpServer server = start((request, peer) -> {
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
        HttpServer server = start((request, peer) -> ok("read " + request.content().readableBytes()));

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
        HttpServer server = start((request, peer) -> {
            if (request.uri().equals("/slow")) {
                return slow;
            }
            fastHandled.countDown();
            return ok("fast");
        });

        try (Socket socket = new Socket("127.0.0.1", port(server))) {
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
        HttpServer first = start((request, peer) -> ok(""));
        InetSocketAddress taken = new InetSocketAddress("127.0.0.1", port(first));

        assertThatThrownBy(() -> start(taken, workers, (request, peer) -> ok("")))
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + taken.getPort() + ":");
    }

    @Test
    void unreadableCertFileFailsStartNamingIt(@TempDir Path dir) {
        Path cert = dir.resolve("absent-cert.pem");
        TlsServerConfig tls = new TlsServerConfig(cert.toString(), dir.resolve("key.pem").toString(), null, null, null, null, null, false, null);

        assertThatThrownBy(() -> HttpServer.start(loops, new InetSocketAddress("127.0.0.1", 0), tls, LIMIT, workers,
                (request, peer) -> ok(""))).hasMessageContaining("cert_file").hasMessageContaining(cert.toString());
    }

    @Test
    void closeStopsAcceptingConnections() throws Exception {
        HttpServer server = start((request, peer) -> ok(""));
        URI uri = uri(server, "/");
        server.close();
        server.close();

        assertThatThrownBy(() -> client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()))
                .isInstanceOf(java.io.IOException.class);
    }

    @Test
    void aClientSendingItsHeadersByteByByteIsCutOffAndOthersAreStillServed() throws Exception {
        HttpServer server = start(new HttpServer.Settings(null, LIMIT,
                new HttpServerTimeouts(null, Duration.ofMillis(300), null, null), null, false), (request, peer) -> ok("fine"));

        try (Socket slowloris = new Socket("127.0.0.1", port(server))) {
            int sent = dribble(slowloris, "POST / HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(200));

            assertThat(sent).as("bytes the server read before closing").isLessThan(200);
        }
        assertThat(get(server, "/").body()).isEqualTo("fine");
    }

    @Test
    void aRequestBodySlowerThanReadTimeoutIsCutOff() throws Exception {
        HttpServer server = start(new HttpServer.Settings(null, LIMIT,
                new HttpServerTimeouts(Duration.ofMillis(300), null, null, null), null, false), (request, peer) -> ok("fine"));

        try (Socket slow = new Socket("127.0.0.1", port(server))) {
            OutputStream out = slow.getOutputStream();
            out.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 200\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            int sent = dribble(slow, "b".repeat(200));

            assertThat(sent).isLessThan(200);
        }
        assertThat(get(server, "/").body()).isEqualTo("fine");
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAfterIdleTimeout() throws Exception {
        HttpServer server = start(new HttpServer.Settings(null, LIMIT,
                new HttpServerTimeouts(null, null, null, Duration.ofMillis(200)), null, false), (request, peer) -> ok("fine"));

        try (Socket idle = new Socket("127.0.0.1", port(server))) {
            idle.setSoTimeout(10_000);
            idle.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(idle.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(readBody(in)).isEqualTo("fine");

            assertThat(in.read()).as("end of stream once idle").isEqualTo(-1);
        }
    }

    @Test
    void aRefusedRequestIs401WithTheReasonAndNeverReachesTheHandler() throws Exception {
        List<String> handled = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> authThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        ServerAuthenticator auth = headers -> {
            authThreads.add(Thread.currentThread().getName());
            if (!"let-me-in".equals(headers.first("X-Key"))) {
                throw new AuthenticationException("wrong key");
            }
            return null;
        };
        HttpServer server = start(new HttpServer.Settings(null, LIMIT, null, auth, false), (request, peer) -> {
            handled.add(request.uri());
            return ok("fine");
        });

        HttpResponse<String> refused = get(server, "/refused");
        HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(uri(server, "/accepted")).header("x-key", "let-me-in").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("wrong key\n");
        assertThat(accepted.body()).isEqualTo("fine");
        assertThat(handled).containsExactly("/accepted");
        assertThat(authThreads).containsOnly("test-worker");
    }

    /** Writes one byte every 20 ms until done or the server closes; returns how many were written. */
    private static int dribble(Socket socket, String text) throws Exception {
        socket.setSoTimeout(20);
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        for (int i = 0; i < bytes.length; i++) {
            try {
                out.write(bytes[i]);
                out.flush();
                if (in.read() == -1) {
                    return i;
                }
            } catch (java.net.SocketTimeoutException stillOpen) {
                continue;
            } catch (java.io.IOException reset) {
                return i;
            }
        }
        return bytes.length;
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

    private HttpServer start(HttpServer.Settings settings, HttpServer.Handler handler) throws Exception {
        HttpServer server = HttpServer.start(loops, new InetSocketAddress("127.0.0.1", 0), settings, workers, handler);
        servers.add(server);
        return server;
    }

    private HttpResponse<String> get(HttpServer server, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(server, path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(HttpServer server, String path) {
        return URI.create("http://127.0.0.1:" + port(server) + path);
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

    private static int port(HttpServer server) {
        return ((InetSocketAddress) server.address()).getPort();
    }
}
