package io.tributary.exporter;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for {@code localhost} / {@code 127.0.0.1}, made with the JDK's
 * keytool (the JDK has no public API to issue one and the build carries no BouncyCastle).
 */
public record TestCertificate(PrivateKey key, X509Certificate certificate, Path pemFile) {
    private static final String PASSWORD = "changeit";

    public static TestCertificate create(Path dir) throws Exception {
        Path keystore = dir.resolve("backend.p12");
        Path pem = dir.resolve("backend.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(List.of(keytool, "-genkeypair", "-alias", "backend", "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD), dir);
        run(List.of(keytool, "-exportcert", "-rfc", "-alias", "backend", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-file", pem.toString()), dir);
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return new TestCertificate((PrivateKey) store.getKey("backend", PASSWORD.toCharArray()),
                (X509Certificate) store.getCertificate("backend"), pem);
    }

    /** A server-side TLS context presenting this certificate (for JDK HTTPS servers). */
    public SSLContext serverContext() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("server", key, new char[0], new Certificate[] {certificate});
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, new char[0]);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(keyManagers.getKeyManagers(), null, null);
        return ssl;
    }

    private static void run(List<String> command, Path dir) throws Exception {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
