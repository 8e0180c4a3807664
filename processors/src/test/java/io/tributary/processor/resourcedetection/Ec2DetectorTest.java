package io.tributary.processor.resourcedetection;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.testkit.TestHttpServer;
import io.tributary.testkit.TestHttpServer.Reply;
import io.tributary.testkit.TestHttpServer.Request;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ec2 detector against a fake IMDS speaking version 2: no token, no metadata. */
class Ec2DetectorTest {
    private static final String TOKEN = "AQAEAFake-token==";
    private static final String IDENTITY = """
            {"accountId": "123456789012", "architecture": "x86_64", "availabilityZone": "us-west-2b",
             "imageId": "ami-5fb8c835", "instanceId": "i-1234567890abcdef0", "instanceType": "t2.micro",
             "pendingTime": "2016-11-19T16:32:11Z", "privateIp": "10.158.112.84", "region": "us-west-2", "version": "2017-09-30"}
            """;
    private static final Map<String, String> METADATA = Map.of(
            "/latest/meta-data/instance-id", "i-1234567890abcdef0",
            "/latest/dynamic/instance-identity/document", IDENTITY,
            "/latest/meta-data/hostname", "ip-10-158-112-84.us-west-2.compute.internal",
            "/latest/meta-data/tags/instance", "Name\nteam\ncost-center",
            "/latest/meta-data/tags/instance/Name", "web-1",
            "/latest/meta-data/tags/instance/team", "payments");

    private final TestHttpServer imds = TestHttpServer.start("/latest", Ec2DetectorTest::imdsV2);
    private final Detecting detecting = new Detecting().env("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.url());

    @AfterEach
    void close() {
        detecting.close();
        imds.close();
    }

    /** IMDSv2: a token from a PUT that says its TTL, then GETs that must carry it (401 otherwise, as EC2). */
    private static Reply imdsV2(Request request) {
        if (request.path().equals("/latest/api/token")) {
            boolean valid = request.method().equals("PUT") && request.header("X-aws-ec2-metadata-token-ttl-seconds") != null;
            return valid ? text(TOKEN) : Reply.of(400);
        }
        if (!request.method().equals("GET") || !TOKEN.equals(request.header("X-aws-ec2-metadata-token"))) {
            return Reply.of(401);
        }
        String body = METADATA.get(request.path());
        return body == null ? Reply.of(404) : text(body);
    }

    private static Reply text(String body) {
        return new Reply(200, "text/plain", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void addsTheInstanceAttributesToEverySpansResource() throws Exception {
        detecting.start("detectors: [ec2]");

        assertThat(detecting.resourceAfter(attribute("service.name", "checkout"))).containsExactly(
                attribute("service.name", "checkout"),
                attribute("cloud.provider", "aws"),
                attribute("cloud.platform", "aws_ec2"),
                attribute("cloud.region", "us-west-2"),
                attribute("cloud.account.id", "123456789012"),
                attribute("cloud.availability_zone", "us-west-2b"),
                attribute("host.id", "i-1234567890abcdef0"),
                attribute("host.image.id", "ami-5fb8c835"),
                attribute("host.type", "t2.micro"),
                attribute("host.name", "ip-10-158-112-84.us-west-2.compute.internal"));
        assertThat(imds.requests()).extracting(Request::method).contains("PUT");
    }

    @Test
    void addsTheTagsTheExpressionsSelectFromImds() throws Exception {
        detecting.start("""
                detectors: [ec2]
                ec2: {tags: ['^Name$', 'tea'], tags_from_imds: true, resource_attributes: {host.name: {enabled: false}}}
                """);

        assertThat(detecting.resourceAfter()).contains(attribute("ec2.tag.Name", "web-1"), attribute("ec2.tag.team", "payments"))
                .extracting(kv -> kv.getKey()).doesNotContain("ec2.tag.cost-center", "host.name");
    }

    @Test
    void aServiceThatRefusesTheTokenGivesNoAttributes() throws Exception {
        try (TestHttpServer refusing = TestHttpServer.answering("/latest", 401)) {
            detecting.env("AWS_EC2_METADATA_SERVICE_ENDPOINT", refusing.url()).start("detectors: [ec2]");

            assertThat(detecting.resourceAfter(attribute("service.name", "checkout"))).containsExactly(attribute("service.name", "checkout"));
        }
    }

    @Test
    void failOnMissingMetadataMakesAMissingServiceFailTheStart() {
        try (TestHttpServer refusing = TestHttpServer.answering("/latest", 401)) {
            detecting.env("AWS_EC2_METADATA_SERVICE_ENDPOINT", refusing.url());

            assertThatThrownBy(() -> detecting.start("{detectors: [ec2], timeout: 100ms, ec2: {fail_on_missing_metadata: true}}"))
                    .hasMessageContaining("resource detection failed: ec2: EC2 metadata unavailable");
        }
    }

    @Test
    void aServerErrorIsTriedAgainUpToMaxAttempts() throws Exception {
        imds.failNext(2, 503, null);

        detecting.start("{detectors: [ec2], ec2: {max_attempts: 3}}");

        assertThat(detecting.resourceAfter()).contains(attribute("host.id", "i-1234567890abcdef0"));
        assertThat(imds.attempts()).isEqualTo(2 + 4);
    }
}
