package io.tributary.extension.basicauth;

import io.tributary.core.component.Extension;
import io.tributary.core.component.Host;
import io.tributary.core.net.auth.ClientAuthenticator;
import io.tributary.core.net.auth.WatchedFile;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code basicauth} with {@code client_auth}: sets {@code Authorization: Basic base64(user:password)} on every request. */
final class BasicAuthClient implements Extension, ClientAuthenticator {
    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthClient.class);

    private final BasicAuthConfig.ClientAuth config;
    private final ScheduledExecutorService scheduler;
    private final List<WatchedFile> files = new ArrayList<>();
    private volatile String username;
    private volatile String password;
    private volatile Map<String, String> headers;

    BasicAuthClient(BasicAuthConfig.ClientAuth config, ScheduledExecutorService scheduler) {
        this.config = config;
        this.scheduler = scheduler;
        this.username = config.username();
        this.password = config.password();
        this.headers = encode();
    }

    @Override
    public synchronized void start(Host host) {
        if (!files.isEmpty()) {
            return;
        }
        if (!BasicAuthConfig.empty(config.usernameFile())) {
            files.add(WatchedFile.watch("client_auth::username_file", config.usernameFile(), scheduler, content -> {
                String name = content.strip();
                if (name.contains(":")) {
                    LOG.error("{}: a username must not contain ':'; keeping the previous one", config.usernameFile());
                    return;
                }
                username = name;
                headers = encode();
            }));
        }
        if (!BasicAuthConfig.empty(config.passwordFile())) {
            files.add(WatchedFile.watch("client_auth::password_file", config.passwordFile(), scheduler, content -> {
                password = content.strip();
                headers = encode();
            }));
        }
    }

    private Map<String, String> encode() {
        String credentials = username + ":" + password;
        return Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public synchronized void shutdown() {
        files.forEach(WatchedFile::close);
        files.clear();
    }
}
