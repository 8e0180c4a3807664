package io.tributary.processor.resourcedetection;

import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code gcp} detector, as otelcol's (Google's resource detector library): the platform from
 * the environment (GKE, Cloud Functions, Cloud Run services and jobs, App Engine) or else Compute
 * Engine, and its attributes from the metadata server, asked with {@code Metadata-Flavor: Google}
 * at {@code GCE_METADATA_HOST} (as Google's client library) or {@code metadata.google.internal}.
 * No metadata server: nothing added. An attribute that cannot be read fails the detection, as
 * in otelcol. GCE instance {@code labels} need the Compute API, which is not called.
 */
final class GcpDetector implements Detector {
    static final String TYPE = "gcp";
    private static final Logger log = LoggerFactory.getLogger(GcpDetector.class);
    private static final Pattern CREATED_BY_GROUP = Pattern.compile("^projects/[^/]+/(zones|regions)/([^/]+)/instanceGroupManagers/([^/]+)$");

    private final GcpConfig config;
    private final Surroundings surroundings;

    GcpDetector(GcpConfig config, Surroundings surroundings) {
        this.config = config;
        this.surroundings = surroundings;
    }

    /** What an attribute's value is read with. */
    private interface Source {
        String read() throws IOException, InterruptedException;
    }

    @Override
    public List<KeyValue> detect(Deadline deadline) throws Exception {
        String host = surroundings.variable("GCE_METADATA_HOST");
        URI base = URI.create("http://" + (host.isEmpty() ? "metadata.google.internal" : host) + "/computeMetadata/v1/");
        Metadata metadata = new Metadata(base, deadline);
        String machineType;
        try {
            machineType = metadata.get("instance/machine-type");
        } catch (IOException e) {
            throw new PlatformAbsentException("no GCP metadata server at " + base + ": " + Replies.describe(e), e);
        }
        ResourceBuilder resource = new ResourceBuilder(ResourceAttributes.enabled(GcpConfig.ATTRIBUTES, config.resourceAttributes()));
        List<String> errors = new ArrayList<>();
        resource.put("cloud.provider", "gcp");
        set(resource, errors, "cloud.account.id", () -> metadata.get("project/project-id").strip());
        if (isSet("KUBERNETES_SERVICE_HOST") && metadata.has("instance/attributes/cluster-location")) {
            resource.put("cloud.platform", "gcp_kubernetes_engine");
            String location = metadata.get("instance/attributes/cluster-location");
            switch ((int) location.chars().filter(c -> c == '-').count()) {
                case 1 -> resource.put("cloud.region", location);
                case 2 -> resource.put("cloud.availability_zone", location);
                default -> errors.add("unrecognized format for cluster location: " + location);
            }
            set(resource, errors, "k8s.cluster.name", () -> metadata.get("instance/attributes/cluster-name"));
            set(resource, errors, "host.id", () -> metadata.get("instance/id").strip());
            try {
                resource.put("host.name", metadata.get("instance/name"));
            } catch (IOException e) {
                log.info("Fallible detector failed. This attribute will not be available. key=host.name: {}", e.getMessage());
            }
        } else if (isSet("FUNCTION_TARGET") || isSet("K_CONFIGURATION")) {
            resource.put("cloud.platform", isSet("FUNCTION_TARGET") ? "gcp_cloud_functions" : "gcp_cloud_run");
            set(resource, errors, "faas.name", () -> variable("K_SERVICE"));
            set(resource, errors, "faas.version", () -> variable("K_REVISION"));
            set(resource, errors, "faas.instance", () -> metadata.get("instance/id").strip());
            set(resource, errors, "cloud.region", () -> lastSegment(metadata.get("instance/region")));
        } else if (isSet("CLOUD_RUN_JOB")) {
            resource.put("cloud.platform", "gcp_cloud_run");
            set(resource, errors, "faas.name", () -> variable("CLOUD_RUN_JOB"));
            set(resource, errors, "cloud.region", () -> lastSegment(metadata.get("instance/region")));
            set(resource, errors, "faas.instance", () -> metadata.get("instance/id").strip());
            set(resource, errors, "gcp.cloud_run.job.execution", () -> variable("CLOUD_RUN_EXECUTION"));
            set(resource, errors, "gcp.cloud_run.job.task_index", () -> variable("CLOUD_RUN_TASK_INDEX"));
        } else if (isSet("GAE_SERVICE")) {
            resource.put("cloud.platform", "gcp_app_engine");
            if ("standard".equals(surroundings.env().apply("GAE_ENV"))) {
                set(resource, errors, "faas.name", () -> variable("GAE_SERVICE"));
                set(resource, errors, "faas.version", () -> variable("GAE_VERSION"));
                set(resource, errors, "faas.instance", () -> variable("GAE_INSTANCE"));
                set(resource, errors, "cloud.availability_zone", () -> lastSegment(metadata.get("instance/zone")));
                set(resource, errors, "cloud.region", () -> lastSegment(metadata.get("instance/region")));
            } else {
                setZoneAndRegion(resource, errors, metadata);
                set(resource, errors, "faas.name", () -> variable("GAE_SERVICE"));
                set(resource, errors, "faas.version", () -> variable("GAE_VERSION"));
                set(resource, errors, "faas.instance", () -> variable("GAE_INSTANCE"));
            }
        } else {
            resource.put("cloud.platform", "gcp_compute_engine");
            setZoneAndRegion(resource, errors, metadata);
            resource.put("host.type", machineType);
            set(resource, errors, "host.id", () -> metadata.get("instance/id").strip());
            set(resource, errors, "host.name", () -> metadata.get("instance/name"));
            set(resource, errors, "gcp.gce.instance.hostname", () -> metadata.get("instance/hostname"));
            set(resource, errors, "gcp.gce.instance.name", () -> metadata.get("instance/name"));
            setManagedInstanceGroup(resource, errors, metadata);
            if (!config.labels().isEmpty()) {
                log.warn("failed fetching GCE labels: Tributary does not call the Compute API that labels come from");
            }
        }
        if (!errors.isEmpty()) {
            throw new IOException(String.join("; ", errors));
        }
        return resource.build();
    }

    private void setZoneAndRegion(ResourceBuilder resource, List<String> errors, Metadata metadata) throws InterruptedException {
        try {
            String zone = lastSegment(metadata.get("instance/zone"));
            String[] parts = zone.split("-", 3);
            if (parts.length != 3) {
                errors.add("zone was not in the expected format: country-region-zone.  Got " + zone);
                return;
            }
            resource.put("cloud.availability_zone", zone).put("cloud.region", parts[0] + "-" + parts[1]);
        } catch (IOException e) {
            errors.add(e.getMessage());
        }
    }

    private static void setManagedInstanceGroup(ResourceBuilder resource, List<String> errors, Metadata metadata) throws InterruptedException {
        String createdBy;
        try {
            createdBy = metadata.get("instance/attributes/created-by");
        } catch (MetadataClient.StatusException e) {
            if (e.status() == 404) {
                return; // not created by a group
            }
            errors.add(e.getMessage());
            return;
        } catch (IOException e) {
            errors.add(e.getMessage());
            return;
        }
        Matcher group = CREATED_BY_GROUP.matcher(createdBy);
        if (group.matches()) {
            resource.put("gcp.gce.instance_group_manager.name", group.group(3));
            resource.put(group.group(1).equals("zones") ? "gcp.gce.instance_group_manager.zone" : "gcp.gce.instance_group_manager.region",
                    group.group(2));
        }
    }

    private static void set(ResourceBuilder resource, List<String> errors, String key, Source source) throws InterruptedException {
        try {
            resource.put(key, source.read());
        } catch (IOException e) {
            errors.add(key + ": " + e.getMessage());
        }
    }

    private boolean isSet(String variable) {
        return surroundings.env().apply(variable) != null;
    }

    private String variable(String name) throws IOException {
        String value = surroundings.env().apply(name);
        if (value == null) {
            throw new IOException("environment variable not found");
        }
        return value;
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The metadata server, below its {@code computeMetadata/v1/}. */
    private final class Metadata {
        private final URI base;
        private final Deadline deadline;

        Metadata(URI base, Deadline deadline) {
            this.base = base;
            this.deadline = deadline;
        }

        String get(String path) throws IOException, InterruptedException {
            return surroundings.http().get(base.resolve(path), Map.of("Metadata-Flavor", "Google"), deadline);
        }

        boolean has(String path) throws InterruptedException {
            try {
                get(path);
                return true;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
