package io.tributary.extension.basicauth;

import io.tributary.config.Validated;

/**
 * {@code basicauth}'s settings, with contrib's keys: {@code htpasswd} makes a server
 * authenticator, {@code client_auth} a client authenticator; exactly one must be set.
 */
public record BasicAuthConfig(Htpasswd htpasswd, ClientAuth clientAuth) implements Validated {
    public static final BasicAuthConfig DEFAULT = new BasicAuthConfig(null, null);

    /** Neither section is set in the default, so the check cannot live in the constructor. */
    @Override
    public void validate() {
        if (htpasswd != null && clientAuth != null) {
            throw new IllegalArgumentException("only one of `htpasswd` or `client_auth` can be specified");
        }
        if (htpasswd == null && clientAuth == null) {
            throw new IllegalArgumentException("no credential source provided (set htpasswd or client_auth)");
        }
    }

    /**
     * Users as in an Apache htpasswd file; {@code inline} lines win over {@code file} lines for the
     * same user. No {@code DEFAULT}: a section without either key is an error.
     */
    public record Htpasswd(String file, String inline) {
        public Htpasswd {
            if (empty(file) && empty(inline)) {
                throw new IllegalArgumentException("no credential source provided (set htpasswd file or inline)");
            }
        }
    }

    /** The credentials an exporter sends; {@code *_file} wins over the value and follows the file's changes. */
    public record ClientAuth(String username, String password, String usernameFile, String passwordFile) {
        public static final ClientAuth DEFAULT = new ClientAuth("", "", null, null);

        public ClientAuth {
            username = username == null ? "" : username;
            password = password == null ? "" : password;
            if (username.contains(":")) {
                throw new IllegalArgumentException("username must not contain ':' (invalid authorization format)");
            }
        }
    }

    static boolean empty(String value) {
        return value == null || value.isEmpty();
    }
}
