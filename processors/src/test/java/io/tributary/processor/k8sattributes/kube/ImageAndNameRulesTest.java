package io.tributary.processor.k8sattributes.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The string rules otelcol applies to images, ReplicaSet names and key_regex templates. */
class ImageAndNameRulesTest {
    private static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void readsImagesAsDockersReferenceGrammarWithoutNormalisingTheName() {
        ImageReference plain = ImageReference.parse("nginx").orElseThrow();
        assertThat(plain.repository()).isEqualTo("nginx");
        assertThat(plain.tag()).isEqualTo("latest");
        assertThat(plain.version()).isEmpty();

        ImageReference full = ImageReference.parse("registry:5000/team/app:1.2@" + DIGEST).orElseThrow();
        assertThat(full.repository()).isEqualTo("registry:5000/team/app");
        assertThat(full.tag()).isEqualTo("1.2");
        assertThat(full.version()).contains("1.2@" + DIGEST);
        assertThat(ImageReference.parse("app@" + DIGEST).orElseThrow().version()).contains(DIGEST);

        assertThat(ImageReference.parse("Upper/Case:1")).isEmpty();
        assertThat(ImageReference.parse("app:bad tag")).isEmpty();
    }

    @Test
    void repoDigestsAreCanonicalNamesWithASha256Digest() {
        assertThat(ImageReference.canonicalRepoDigest("nginx@" + DIGEST)).contains("docker.io/library/nginx@" + DIGEST);
        assertThat(ImageReference.canonicalRepoDigest("team/app@" + DIGEST)).contains("docker.io/team/app@" + DIGEST);
        assertThat(ImageReference.canonicalRepoDigest("quay.io/team/app@" + DIGEST)).contains("quay.io/team/app@" + DIGEST);
        assertThat(ImageReference.canonicalRepoDigest(DIGEST)).isEmpty();
        assertThat(ImageReference.canonicalRepoDigest("nginx:1.25")).isEmpty();
    }

    @Test
    void cutsTheDeploymentNameFromAReplicaSetsOnlyWhenItEndsInATenCharacterHash() {
        assertThat(PodExtractor.deploymentFromReplicaSetName("web-api-7d4b9c8f6d")).isEqualTo("web-api");
        assertThat(PodExtractor.deploymentFromReplicaSetName("web-api-7d4b9")).isEmpty();
        assertThat(PodExtractor.deploymentFromReplicaSetName("web")).isEmpty();
    }

    @Test
    void keyRegexTemplatesExpandGroupsByNumberAndName() {
        Map<String, String> labels = Map.of("team.example/owner", "ana", "other", "x");
        Map<String, String> tags = new HashMap<>();

        FieldRule.of("owner.${who}.$1", "", "(team)\\.example/(?P<who>.+)", "pod").extract(labels, tags, "k8s.pod.labels.");
        FieldRule.of("ignored", "", "oth.*", "pod").extract(labels, tags, "k8s.pod.labels.");

        assertThat(tags).containsOnly(Map.entry("owner.owner.team", "ana"), Map.entry("k8s.pod.labels.other", "x"));
    }
}
