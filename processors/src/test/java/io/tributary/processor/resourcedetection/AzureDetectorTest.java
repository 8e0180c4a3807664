package io.tributary.processor.resourcedetection;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.testkit.TestHttpServer;
import io.tributary.testkit.TestHttpServer.Reply;
import io.tributary.testkit.TestHttpServer.Request;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The azure detector against a fake instance metadata service that answers only {@code Metadata: true} requests, as Azure's does. */
class AzureDetectorTest {
    private static final String COMPUTE = """
            {"location": "westeurope", "name": "collector-vm", "vmId": "02aab8a4-74ef-476e-8182-f6d2ba4166a6",
             "vmSize": "Standard_D2s_v3", "subscriptionId": "8d10da13-8125-4ba9-a717-bf7490507b3d",
             "resourceGroupName": "observability", "vmScaleSetName": "", "zone": "2",
             "osProfile": {"computerName": "collector-host"},
             "tagsList": [{"name": "env", "value": "prod"}, {"name": "owner", "value": "sre"}]}
            """;

    private final TestHttpServer server = TestHttpServer.start("/metadata/instance/compute", AzureDetectorTest::imds);
    private final Detecting detecting = new Detecting().azure(URI.create(server.url() + "/metadata/instance/compute?api-version=2020-09-01&format=json"));

    @AfterEach
    void close() {
        detecting.close();
        server.close();
    }

    private static Reply imds(Request request) {
        if (!"true".equals(request.header("Metadata"))) {
            return new Reply(400, "application/json", "{\"error\": \"Bad request. Required metadata header not specified\"}".getBytes(StandardCharsets.UTF_8));
        }
        return new Reply(200, "application/json", COMPUTE.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void addsTheVirtualMachinesAttributesAndTheSelectedTags() throws Exception {
        detecting.start("""
                detectors: [azure]
                azure: {tags: ['^env$'], resource_attributes: {cloud.availability_zone: {enabled: true}}}
                """);

        assertThat(detecting.resourceAfter(attribute("service.name", "checkout"))).containsExactly(
                attribute("service.name", "checkout"),
                attribute("cloud.provider", "azure"),
                attribute("cloud.platform", "azure_vm"),
                attribute("host.name", "collector-host"),
                attribute("cloud.region", "westeurope"),
                attribute("host.id", "02aab8a4-74ef-476e-8182-f6d2ba4166a6"),
                attribute("cloud.account.id", "8d10da13-8125-4ba9-a717-bf7490507b3d"),
                attribute("cloud.availability_zone", "2"),
                attribute("azure.vm.name", "collector-vm"),
                attribute("azure.vm.size", "Standard_D2s_v3"),
                attribute("azure.resourcegroup.name", "observability"),
                attribute("azure.tag.env", "prod"));
    }

    @Test
    void aServiceThatRefusesTheRequestGivesNoAttributes() throws Exception {
        try (TestHttpServer refusing = TestHttpServer.answering("/metadata", 400)) {
            detecting.azure(URI.create(refusing.url() + "/metadata/instance/compute")).start("detectors: [azure]");

            assertThat(detecting.resourceAfter(attribute("service.name", "checkout"))).containsExactly(attribute("service.name", "checkout"));
        }
    }
}
