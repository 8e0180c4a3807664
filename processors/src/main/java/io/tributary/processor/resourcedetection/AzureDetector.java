package io.tributary.processor.resourcedetection;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The {@code azure} detector: the VM's compute metadata from Azure's instance metadata service,
 * asked with {@code Metadata: true}. Any failure to get it means not on Azure: nothing added, as
 * in otelcol. Tags matching {@code tags} are added as {@code azure.tag.<name>}.
 */
final class AzureDetector implements Detector {
    static final String TYPE = "azure";

    private final AzureConfig config;
    private final Surroundings surroundings;
    private final KeyPatterns tags;

    AzureDetector(AzureConfig config, Surroundings surroundings) {
        this.config = config;
        this.surroundings = surroundings;
        this.tags = KeyPatterns.compile("tags", config.tags());
    }

    @Override
    public List<KeyValue> detect(Deadline deadline) throws Exception {
        JsonObject compute;
        try {
            compute = JsonParser.parseString(surroundings.http().get(surroundings.azureMetadata(), Map.of("Metadata", "true"), deadline))
                    .getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new PlatformAbsentException("no Azure instance metadata at " + surroundings.azureMetadata() + ": "
                    + Replies.describe(e), e);
        }
        ResourceBuilder resource = new ResourceBuilder(ResourceAttributes.enabled(AzureConfig.ATTRIBUTES, config.resourceAttributes()))
                .put("cloud.provider", "azure")
                .put("cloud.platform", "azure_vm");
        String computerName = compute.has("osProfile") ? Replies.text(compute.getAsJsonObject("osProfile"), "computerName") : "";
        String name = Replies.text(compute, "name");
        if (!computerName.isEmpty() || !name.isEmpty()) {
            resource.put("host.name", computerName.isEmpty() ? name : computerName);
        }
        resource.put("cloud.region", Replies.text(compute, "location"))
                .put("host.id", Replies.text(compute, "vmId"))
                .put("cloud.account.id", Replies.text(compute, "subscriptionId"));
        String zone = Replies.text(compute, "zone");
        if (!zone.isEmpty()) {
            resource.put("cloud.availability_zone", zone);
        }
        resource.put("azure.vm.name", name).put("azure.vm.size", Replies.text(compute, "vmSize"));
        String scaleSet = Replies.text(compute, "vmScaleSetName");
        if (!scaleSet.isEmpty()) {
            resource.put("azure.vm.scaleset.name", scaleSet);
        }
        resource.put("azure.resourcegroup.name", Replies.text(compute, "resourceGroupName"));
        if (!tags.isEmpty() && compute.has("tagsList") && compute.get("tagsList").isJsonArray()) {
            for (JsonElement tag : compute.getAsJsonArray("tagsList")) {
                String tagName = Replies.text(tag.getAsJsonObject(), "name");
                if (tags.selects(tagName)) {
                    resource.putExtra("azure.tag." + tagName, Replies.text(tag.getAsJsonObject(), "value"));
                }
            }
        }
        return resource.build();
    }
}
