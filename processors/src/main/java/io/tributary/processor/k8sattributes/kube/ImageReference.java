package io.tributary.processor.k8sattributes.kube;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference as Docker's reference grammar reads it, without normalising the
 * name: {@code registry:5000/team/app:1.2@sha256:...} is repository {@code registry:5000/team/app},
 * tag {@code 1.2} ({@code latest} when untagged) and the digest.
 *
 * @param explicitTag the tag written, "" when none
 */
record ImageReference(String repository, String explicitTag, String digest) {
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern DOMAIN = Pattern.compile("(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*"
            + "|\\[[0-9a-fA-F:.]+])(?::[0-9]+)?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    /** Empty when {@code image} is no valid reference. */
    static Optional<ImageReference> parse(String image) {
        if (image == null || image.isEmpty()) {
            return Optional.empty();
        }
        String rest = image;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                return Optional.empty();
            }
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                return Optional.empty();
            }
        }
        return validName(rest) ? Optional.of(new ImageReference(rest, tag, digest)) : Optional.empty();
    }

    private static boolean validName(String name) {
        if (name.isEmpty() || name.length() > 255) {
            return false;
        }
        String[] parts = name.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            boolean maybeDomain = i == 0 && parts.length > 1;
            if (!COMPONENT.matcher(parts[i]).matches() && !(maybeDomain && DOMAIN.matcher(parts[i]).matches())) {
                return false;
            }
        }
        return true;
    }

    /** The tag, {@code latest} when none is written. */
    String tag() {
        return explicitTag.isEmpty() ? "latest" : explicitTag;
    }

    /** otelcol's {@code service.version} from an image: tag, digest, or {@code tag@digest}; empty when it has neither. */
    Optional<String> version() {
        if (!digest.isEmpty()) {
            return Optional.of(explicitTag.isEmpty() ? digest : explicitTag + "@" + digest);
        }
        return explicitTag.isEmpty() ? Optional.empty() : Optional.of(explicitTag);
    }

    /**
     * A container status's {@code imageID} as a canonical repo digest ({@code docker.io/library/nginx@sha256:...}),
     * the name normalised as Docker does; empty when it is no name with a sha256 digest.
     */
    static Optional<String> canonicalRepoDigest(String imageId) {
        Optional<ImageReference> parsed = parse(imageId == null ? "" : imageId);
        if (parsed.isEmpty() || parsed.get().digest().isEmpty() || !SHA256.matcher(parsed.get().digest()).matches()) {
            return Optional.empty();
        }
        ImageReference reference = parsed.get();
        String name = reference.repository();
        int slash = name.indexOf('/');
        String first = slash < 0 ? "" : name.substring(0, slash);
        boolean hasDomain = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT)));
        if (!hasDomain) {
            name = "docker.io/" + (slash < 0 ? "library/" : "") + name;
        }
        String tag = reference.explicitTag().isEmpty() ? "" : ":" + reference.explicitTag();
        return Optional.of(name + tag + "@" + reference.digest());
    }
}
