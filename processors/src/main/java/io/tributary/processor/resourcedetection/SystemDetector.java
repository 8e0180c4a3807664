package io.tributary.processor.resourcedetection;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code system} detector: the host's name from the first of {@code hostname_sources} that
 * gives one ({@code os}: the kernel's host name; {@code dns}: its fully qualified name;
 * {@code cname}: the canonical name the resolver gives it; {@code lookup}: the name its addresses
 * reverse-resolve to), and what the OS tells of itself (from {@code /proc}, {@code /etc/os-release}
 * and {@code /etc/machine-id} on Linux, as otelcol's gopsutil and the OpenTelemetry Go SDK read).
 * No hostname source succeeding is an error, as in otelcol.
 */
final class SystemDetector implements Detector {
    static final String TYPE = "system";
    private static final Logger log = LoggerFactory.getLogger(SystemDetector.class);

    private final SystemConfig config;

    SystemDetector(SystemConfig config) {
        this.config = config;
    }

    @Override
    public List<KeyValue> detect(Deadline deadline) throws Exception {
        ResourceBuilder resource = new ResourceBuilder(ResourceAttributes.enabled(SystemConfig.ATTRIBUTES, config.resourceAttributes()));
        String hostname = null;
        for (String source : config.sources()) {
            try {
                hostname = hostname(source);
                break;
            } catch (IOException e) {
                log.debug("hostname source {} failed: {}", source, e.getMessage());
            }
        }
        if (hostname == null) {
            throw new IOException("all hostname sources failed to get hostname");
        }
        Map<String, String> osRelease = osRelease();
        resource.put("host.name", hostname).put("os.type", osType()).put("os.version", osRelease.getOrDefault("VERSION_ID", ""));
        if (resource.isEnabled("host.id")) {
            String hostId = firstLine(Path.of("/etc/machine-id"), Path.of("/var/lib/dbus/machine-id"));
            if (hostId.isEmpty()) {
                log.warn("failed to get host ID: host id not found in: /etc/machine-id or /var/lib/dbus/machine-id");
            } else {
                resource.put("host.id", hostId);
            }
        }
        resource.put("host.arch", hostArch(System.getProperty("os.arch")));
        if (resource.isEnabled("host.ip") || resource.isEnabled("host.mac") || resource.isEnabled("host.interface")) {
            addInterfaces(resource);
        }
        resource.put("os.description", osDescription(osRelease));
        resource.put("os.name", osRelease.getOrDefault("ID", ""));
        String buildId = osRelease.getOrDefault("BUILD_ID", "");
        resource.put("os.build.id", buildId.isEmpty() ? kernel("osrelease") : buildId);
        if (resource.isEnabled("host.cpu.vendor.id") || resource.isEnabled("host.cpu.family") || resource.isEnabled("host.cpu.model.id")
                || resource.isEnabled("host.cpu.model.name") || resource.isEnabled("host.cpu.stepping")
                || resource.isEnabled("host.cpu.cache.l2.size")) {
            addCpu(resource);
        }
        return resource.build();
    }

    private static String hostname(String source) throws IOException {
        String osHostname = osHostname();
        return switch (source) {
            case "os" -> osHostname;
            case "dns" -> canonicalName(osHostname, "FQDN");
            case "cname" -> canonicalName(osHostname, "CNAME");
            case "lookup" -> reverseLookup(osHostname);
            default -> throw new IOException("unknown hostname source " + source);
        };
    }

    /** The kernel's host name, as Go's {@code os.Hostname} reads it on Linux. */
    private static String osHostname() throws IOException {
        String kernel = kernel("hostname");
        return kernel.isEmpty() ? InetAddress.getLocalHost().getHostName() : kernel;
    }

    private static String reverseLookup(String hostname) throws IOException {
        for (InetAddress address : InetAddress.getAllByName(hostname)) {
            String name = address.getCanonicalHostName();
            if (!name.equals(address.getHostAddress())) {
                return trimDot(name);
            }
        }
        throw new UnknownHostException("reverseLookup failed to convert IP addresses to name: " + hostname);
    }

    /** The name the resolver gives the host's address (from the hosts file or DNS), when it gives one. */
    private static String canonicalName(String hostname, String what) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(hostname);
        String name = address.getCanonicalHostName();
        if (name.equals(address.getHostAddress())) {
            throw new UnknownHostException("no " + what + " for " + hostname);
        }
        return trimDot(name);
    }

    private static String trimDot(String name) {
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Go's GOOS for this OS, as otelcol maps it to {@code os.type}. */
    static String osType() {
        String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (name.startsWith("windows")) {
            return "windows";
        }
        if (name.startsWith("mac") || name.startsWith("darwin")) {
            return "darwin";
        }
        if (name.startsWith("sunos")) {
            return "solaris";
        }
        return name.replace(" ", "");
    }

    /** Go's GOARCH for the JVM's {@code os.arch}, as otelcol maps it to {@code host.arch}. */
    static String hostArch(String jvmArch) {
        return switch (jvmArch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "x86";
            case "arm" -> "arm32";
            case "ppc64le" -> "ppc64";
            default -> jvmArch;
        };
    }

    /** The OpenTelemetry Go SDK's: "NAME VERSION (uname)". */
    private static String osDescription(Map<String, String> osRelease) {
        String machine = switch (System.getProperty("os.arch")) {
            case "amd64" -> "x86_64";
            default -> System.getProperty("os.arch");
        };
        String uname = String.join(" ", kernel("ostype"), kernel("hostname"), kernel("osrelease"), kernel("version"), machine);
        String name = osRelease.getOrDefault("NAME", "");
        String version = osRelease.getOrDefault("VERSION", osRelease.getOrDefault("VERSION_ID", ""));
        String release = !name.isEmpty() && !version.isEmpty() ? name + " " + version : osRelease.getOrDefault("PRETTY_NAME", "");
        return release.isEmpty() ? uname : release + " (" + uname + ")";
    }

    private static void addInterfaces(ResourceBuilder resource) throws IOException {
        List<String> ips = new ArrayList<>();
        List<String> macs = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (NetworkInterface nic : NetworkInterface.networkInterfaces().toList()) {
            names.add(nic.getName());
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            byte[] mac = nic.getHardwareAddress();
            macs.add(mac == null ? "" : HexFormat.ofDelimiter("-").withUpperCase().formatHex(mac));
            for (InterfaceAddress address : nic.getInterfaceAddresses()) {
                if (!address.getAddress().isLoopbackAddress()) {
                    ips.add(text(address.getAddress()));
                }
            }
        }
        resource.put("host.ip", ips).put("host.mac", macs).put("host.interface", names);
    }

    /** An address as Go prints it: IPv6 in its shortest form, without a zone. */
    static String text(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] bytes = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (bytes[2 * i] & 0xff) << 8 | bytes[2 * i + 1] & 0xff;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** The first processor of {@code /proc/cpuinfo}, as gopsutil reads it. */
    private static void addCpu(ResourceBuilder resource) throws IOException {
        Map<String, String> cpu = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.isBlank() && !cpu.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                cpu.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
            }
        }
        resource.put("host.cpu.vendor.id", cpu.getOrDefault("vendor_id", ""))
                .put("host.cpu.family", cpu.getOrDefault("cpu family", ""));
        if (!cpu.getOrDefault("model", "").isEmpty()) {
            resource.put("host.cpu.model.id", cpu.get("model"));
        }
        resource.put("host.cpu.model.name", cpu.getOrDefault("model name", ""))
                .put("host.cpu.stepping", cpu.getOrDefault("stepping", "0"))
                .put("host.cpu.cache.l2.size", Long.parseLong(cpu.getOrDefault("cache size", "0").replace("KB", "").strip()));
    }

    private static Map<String, String> osRelease() {
        Map<String, String> values = new HashMap<>();
        for (Path file : List.of(Path.of("/etc/os-release"), Path.of("/usr/lib/os-release"))) {
            try {
                for (String line : Files.readAllLines(file)) {
                    int equals = line.indexOf('=');
                    if (equals > 0 && !line.startsWith("#")) {
                        values.put(line.substring(0, equals).strip(), line.substring(equals + 1).strip().replaceAll("^[\"']|[\"']$", ""));
                    }
                }
                return values;
            } catch (IOException e) {
                // the next candidate, as the SDK tries both
            }
        }
        return values;
    }

    /** A value of {@code /proc/sys/kernel}, "" where there is none. */
    private static String kernel(String name) {
        return firstLine(Path.of("/proc/sys/kernel", name));
    }

    private static String firstLine(Path... candidates) {
        for (Path candidate : candidates) {
            try {
                String value = Files.readString(candidate).strip();
                if (!value.isEmpty()) {
                    return value;
                }
            } catch (IOException e) {
                // the next candidate
            }
        }
        return "";
    }
}
