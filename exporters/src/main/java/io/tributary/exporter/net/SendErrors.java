package io.tributary.exporter.net;

import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.unix.Errors;
import io.tributary.config.Durations;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Says in a few words why talking to a backend failed, from whichever cause in the chain tells it
 * ({@code connection refused: 127.0.0.1:4317}, {@code no such host: tempo},
 * {@code deadline exceeded after 5s}), instead of the wrapper's "io exception": the gRPC and HTTP
 * clients hide the real reason a few causes deep, and the JDK client often without a message.
 */
public final class SendErrors {
    /**
     * Netty's native transport words a refused connect by its errno ({@code finishConnect(..)
     * failed with error(-111)}); its constants need the native library, hence the guard.
     */
    private static final String NATIVE_REFUSED = Epoll.isAvailable() ? "error(" + Errors.ERROR_ECONNREFUSED_NEGATIVE + ")" : null;

    private SendErrors() {
    }

    /**
     * @param failure the client's exception
     * @param target  the backend as configured ({@code host:port}), which the causes rarely name
     * @param timeout the attempt's timeout, which a timeout's message does not say (zero: none)
     */
    public static String describe(Throwable failure, String target, Duration timeout) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        // The most specific reason first: the JDK client wraps an unresolvable name in ConnectExceptions.
        for (Throwable t : chain) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException) {
                return "no such host: " + host(t, target);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof HttpConnectTimeoutException || t instanceof ConnectTimeoutException) {
                return "connection timed out: " + target;
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                return deadlineExceeded(timeout);
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host: " + target;
            }
            if (t instanceof ConnectException connect) {
                return connectFailure(connect) + ": " + target;
            }
            if (t instanceof SSLException) {
                return "TLS handshake with " + target + " failed: " + text(t);
            }
        }
        return text(chain.get(chain.size() - 1));
    }

    /** The text for an attempt cut off by its timeout. */
    public static String deadlineExceeded(Duration timeout) {
        return timeout.isZero() ? "deadline exceeded" : "deadline exceeded after " + Durations.formatShort(timeout);
    }

    /** A ConnectException mostly means refused; the JDK client's carry no message at all. */
    private static String connectFailure(ConnectException e) {
        String message = e.getMessage();
        if (message == null || message.toLowerCase(Locale.ROOT).startsWith("connection refused")
                || NATIVE_REFUSED != null && message.contains(NATIVE_REFUSED)) {
            return "connection refused";
        }
        // Netty appends the address ("...: /127.0.0.1:4317"); the target says it once.
        int annotated = message.indexOf(": ");
        return (annotated < 0 ? message : message.substring(0, annotated)).toLowerCase(Locale.ROOT);
    }

    /** The name that did not resolve: the exception's own ({@code tempo: Name or service not known}), else the target's. */
    private static String host(Throwable e, String target) {
        String message = e.getMessage();
        if (message != null && !message.isBlank()) {
            int colon = message.indexOf(':');
            return colon < 0 ? message : message.substring(0, colon);
        }
        int port = target.lastIndexOf(':');
        return port < 0 ? target : target.substring(0, port);
    }

    private static String text(Throwable t) {
        return t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
    }
}
