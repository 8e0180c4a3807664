package io.tributary.core.net;

import java.io.File;
import java.net.Socket;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.LongSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's certificate and key from PEM files, read again at the first handshake after each
 * {@code reload_interval} (as otelcol's certReloader does), so rotated files take effect without
 * a restart. A reload that fails (a half-written file) keeps the previous pair and is retried at
 * the next interval. Each load gets a new alias, so a handshake that chose an alias just before a
 * reload still finds its chain.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private static final Logger LOG = LoggerFactory.getLogger(ReloadingKeyManager.class);
    private static final char[] PASSWORD = new char[0];

    private record Loaded(X509ExtendedKeyManager keys, long at) {
    }

    private final File cert;
    private final File key;
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private int generation;
    private volatile Loaded current;
    private volatile Loaded previous;

    /** @throws Exception when the files cannot be read or parsed now */
    ReloadingKeyManager(File cert, File key, Duration interval, LongSupplier nanoTime) throws Exception {
        this.cert = cert;
        this.key = key;
        this.intervalNanos = interval == null ? 0 : interval.toNanos();
        this.nanoTime = nanoTime;
        this.current = load();
    }

    private Loaded load() throws Exception {
        X509Certificate[] chain = PemFiles.certificates(cert);
        PrivateKey privateKey = PemFiles.privateKey(key);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("tls-" + generation++, privateKey, PASSWORD, chain);
        KeyManagerFactory factory = KeyManagerFactory.getInstance("SunX509");
        factory.init(store, PASSWORD);
        return new Loaded((X509ExtendedKeyManager) factory.getKeyManagers()[0], nanoTime.getAsLong());
    }

    private X509ExtendedKeyManager keys() {
        Loaded loaded = current;
        if (intervalNanos > 0 && nanoTime.getAsLong() - loaded.at() >= intervalNanos) {
            synchronized (this) {
                loaded = current;
                if (nanoTime.getAsLong() - loaded.at() >= intervalNanos) {
                    reload(loaded);
                }
            }
        }
        return current.keys();
    }

    private void reload(Loaded loaded) {
        try {
            previous = loaded;
            current = load();
            LOG.debug("reloaded TLS certificate {} and key {}", cert, key);
        } catch (Exception e) {
            LOG.warn("cannot reload TLS certificate {} and key {}; keeping the previous pair: {}", cert, key, e.toString());
            current = new Loaded(loaded.keys(), nanoTime.getAsLong());
        }
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return keys().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return keys().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return keys().getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        X509Certificate[] chain = current.keys().getCertificateChain(alias);
        Loaded before = previous;
        return chain != null || before == null ? chain : before.keys().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        PrivateKey privateKey = current.keys().getPrivateKey(alias);
        Loaded before = previous;
        return privateKey != null || before == null ? privateKey : before.keys().getPrivateKey(alias);
    }

    /** A server presents no client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        return null;
    }
}
