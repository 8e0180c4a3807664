package io.tributary.core.net;

import io.netty.handler.ssl.SslContext;
import java.io.File;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/**
 * Netty's PEM readers (the ones {@code SslContextBuilder.forServer(cert, key)} uses), reachable
 * only from a subclass of {@link SslContext}; this class is never instantiated.
 */
abstract class PemFiles extends SslContext {
    private PemFiles() {
    }

    static X509Certificate[] certificates(File file) throws Exception {
        return toX509Certificates(file);
    }

    static PrivateKey privateKey(File file) throws Exception {
        return toPrivateKey(file, null);
    }
}
