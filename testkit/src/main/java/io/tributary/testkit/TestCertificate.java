package io.tributary.testkit;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/**
 * Certificates for {@code localhost} / {@code 127.0.0.1} made in the test with the JDK's keytool
 * (the JDK has no public API to issue one and the build carries no BouncyCastle), written as the
 * PEM files a {@code tls} section names: self-signed, or a certificate authority and the server
 * and client certificates it issues (for mutual TLS). A certificate also gives the server side of
 * a TLS backend: the contexts a gRPC or JDK HTTPS server presents it with.
 */
public final class TestCertificate {
    private static final String PASSWORD = "changeit";

    /** Made on first use: keytool takes about a second, and tests only read the certificate. */
    private static final class Shared {
        static final TestCertificate LOCALHOST = createInTemporaryDirectory();
    }

    private final Path dir;
    private final String name;
    private final Path keyStore;
    private final Path certFile;
    private final Path keyFile;
    private final X509Certificate certificate;
    private final PrivateKey key;

    private TestCertificate(Path dir, String name, Path keyStore, Path certFile) throws Exception {
        this.dir = dir;
        this.name = name;
        this.keyStore = keyStore;
        this.certFile = certFile;
        KeyStore store = load(keyStore);
        this.key = (PrivateKey) store.getKey(name, PASSWORD.toCharArray());
        try (InputStream in = Files.newInputStream(certFile)) {
            this.certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        this.keyFile = Files.writeString(dir.resolve(name + "-key.pem"), pem("PRIVATE KEY", key.getEncoded()));
    }

    /** A self-signed server certificate, {@code cert.pem} and {@code key.pem}-like files named after "server". */
    public static TestCertificate create(Path dir) throws Exception {
        return selfSigned(dir, "server", false);
    }

    /**
     * One self-signed server certificate shared by every test in this JVM, in a directory deleted
     * at exit; a test that writes or replaces certificate files makes its own with {@link #create}.
     */
    public static TestCertificate localhost() {
        return Shared.LOCALHOST;
    }

    private static TestCertificate createInTemporaryDirectory() {
        try {
            Path dir = Files.createTempDirectory("tributary-certificate");
            dir.toFile().deleteOnExit();
            TestCertificate certificate = create(dir);
            // Registered after the directory, so deleted before it.
            try (Stream<Path> files = Files.list(dir)) {
                files.forEach(file -> file.toFile().deleteOnExit());
            }
            return certificate;
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the shared test certificate", e);
        }
    }

    /** A certificate authority that can {@link #issue} certificates. */
    public static TestCertificate authority(Path dir, String name) throws Exception {
        return selfSigned(dir, name, true);
    }

    private static TestCertificate selfSigned(Path dir, String name, boolean authority) throws Exception {
        Path store = dir.resolve(name + ".p12");
        List<String> command = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-dname", "CN=" + name, "-ext", "san=dns:localhost,ip:127.0.0.1",
                "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (authority) {
            command.addAll(List.of("-ext", "bc:c"));
        }
        keytool(dir, command);
        Path cert = dir.resolve(name + "-cert.pem");
        keytool(dir, List.of("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", cert.toString()));
        return new TestCertificate(dir, name, store, cert);
    }

    /** A certificate for localhost signed by this authority, usable by a server or a client. */
    public TestCertificate issue(String leaf) throws Exception {
        Path store = dir.resolve(leaf + ".p12");
        keytool(dir, List.of("-genkeypair", "-alias", leaf, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=" + leaf, "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        Path request = dir.resolve(leaf + ".csr");
        keytool(dir, List.of("-certreq", "-alias", leaf, "-keystore", store.toString(), "-storepass", PASSWORD,
                "-file", request.toString()));
        Path cert = dir.resolve(leaf + "-cert.pem");
        keytool(dir, List.of("-gencert", "-rfc", "-alias", name, "-keystore", keyStore.toString(), "-storepass", PASSWORD,
                "-infile", request.toString(), "-outfile", cert.toString(), "-validity", "2",
                "-ext", "san=dns:localhost,ip:127.0.0.1"));
        return new TestCertificate(dir, leaf, store, cert);
    }

    public Path certFile() {
        return certFile;
    }

    /** The private key as unencrypted PKCS#8 PEM. */
    public Path keyFile() {
        return keyFile;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey key() {
        return key;
    }

    public byte[] certPem() throws Exception {
        return Files.readAllBytes(certFile);
    }

    /** The {@code tls} section of a server config that presents this certificate, in YAML flow style. */
    public String serverTlsYaml() {
        return "tls: {cert_file: '" + certFile + "', key_file: '" + keyFile + "'}";
    }

    /** The {@code tls} section of a client config that trusts this certificate (as its CA), in YAML flow style. */
    public String clientTlsYaml() {
        return "tls: {ca_file: '" + certFile + "'}";
    }

    /** A server-side context presenting this certificate, for JDK HTTPS servers. */
    SSLContext serverContext() throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A server-side context presenting this certificate, for Netty gRPC servers (ALPN h2 included). */
    SslContext grpcServerContext() throws SSLException {
        return GrpcSslContexts.configure(SslContextBuilder.forServer(key, certificate)).build();
    }

    /** A client context that trusts only this certificate (or what this authority issued). */
    public SSLContext clientContext() throws Exception {
        return clientContext(null);
    }

    /** As {@link #clientContext()}, presenting {@code clientCertificate} when the server asks for one. */
    public SSLContext clientContext(TestCertificate clientCertificate) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry(name, certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        KeyManagerFactory keys = null;
        if (clientCertificate != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(load(clientCertificate.keyStore), PASSWORD.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(Path path) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static void keytool(Path dir, List<String> arguments) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + arguments.get(0) + " failed: " + output);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
