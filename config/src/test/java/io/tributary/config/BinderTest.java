package io.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BinderTest {
    enum Compression { NONE, GZIP, ZSTD }

    enum PolicyType { ALWAYS_SAMPLE, STRING_ATTRIBUTE, @Key("ottl_condition") OTTL }

    record Grpc(String endpoint, int maxRecvMsgSizeMib, @Key("max_concurrent_streams") int streams) {
        static final Grpc DEFAULT = new Grpc("0.0.0.0:4317", 4, 0);
    }

    record Http(String endpoint) {
        static final Http DEFAULT = new Http("0.0.0.0:4318");
    }

    record Protocols(Grpc grpc, Http http) {
        static final Protocols DEFAULT = new Protocols(null, null);
    }

    record Receiver(Protocols protocols) {
        static final Receiver DEFAULT = new Receiver(Protocols.DEFAULT);
    }

    record Batch(Duration timeout, int sendBatchSize, int sendBatchMaxSize, ByteSize maxSize, boolean enabled) {
        static final Batch DEFAULT = new Batch(Duration.ofMillis(200), 8192, 0, ByteSize.ofMebibytes(1), true);

        Batch {
            if (sendBatchMaxSize != 0 && sendBatchMaxSize < sendBatchSize) {
                throw new IllegalArgumentException("send_batch_max_size must be greater or equal to send_batch_size");
            }
        }
    }

    record Policy(String name, PolicyType type, List<String> values) {
    }

    record Sampling(List<Policy> policies, Map<String, Compression> compression, long numTraces, double ratio) {
    }

    record Exporter(String endpoint) implements Validated {
        static final Exporter DEFAULT = new Exporter(null);

        @Override
        public void validate() {
            if (endpoint == null) {
                throw new IllegalArgumentException("requires an endpoint");
            }
        }
    }

    record Raw(ConfigNode settings, Object plain) {
    }

    @Test
    void bindsSnakeCaseKeysAndKeyAnnotation() {
        Grpc grpc = bind("endpoint: 1.2.3.4:9\nmax_recv_msg_size_mib: 16\nmax_concurrent_streams: 1_000\n", Grpc.class, null);

        assertThat(grpc).isEqualTo(new Grpc("1.2.3.4:9", 16, 1000));
    }

    @Test
    void absentKeysKeepTheDefaults() {
        Batch batch = bind("send_batch_size: 100\n", Batch.class, Batch.DEFAULT);

        assertThat(batch).isEqualTo(new Batch(Duration.ofMillis(200), 100, 0, ByteSize.ofMebibytes(1), true));
    }

    @Test
    void nullSectionReturnsDefaults() {
        assertThat(bind("batch:\n", "batch", Batch.class, Batch.DEFAULT)).isSameAs(Batch.DEFAULT);
    }

    @Test
    void withoutDefaultsTheTypesDefaultFieldIsUsed() {
        assertThat(bind("{}\n", Batch.class, null)).isEqualTo(Batch.DEFAULT);
    }

    @Test
    void nullNestedRecordStartsFromItsDefaultField() {
        Receiver receiver = bind("protocols:\n  grpc:\n", Receiver.class, Receiver.DEFAULT);

        assertThat(receiver.protocols().grpc()).isEqualTo(Grpc.DEFAULT);
        assertThat(receiver.protocols().http()).isNull();
    }

    @Test
    void nestedRecordMergesOverItsDefaultField() {
        Receiver receiver = bind("protocols:\n  http:\n  grpc:\n    endpoint: localhost:1\n", Receiver.class, Receiver.DEFAULT);

        assertThat(receiver.protocols().grpc()).isEqualTo(new Grpc("localhost:1", 4, 0));
        assertThat(receiver.protocols().http()).isEqualTo(Http.DEFAULT);
    }

    @Test
    void nullNestedRecordKeepsTheParentDefaultsValue() {
        Receiver defaults = new Receiver(new Protocols(new Grpc("custom:1", 1, 1), null));

        Receiver receiver = bind("protocols:\n  grpc:\n", Receiver.class, defaults);

        assertThat(receiver.protocols().grpc()).isEqualTo(new Grpc("custom:1", 1, 1));
    }

    @Test
    void nullRecordWithoutDefaultIsBuiltFromZeroValues() {
        record Holder(Policy policy) {
        }

        Holder holder = bind("policy:\n", Holder.class, null);

        assertThat(holder.policy()).isEqualTo(new Policy(null, null, List.of()));
    }

    @Test
    void bindsDurations() {
        record Timeouts(Duration a, Duration b, Duration c, Duration d, Duration e) {
        }

        Timeouts t = bind("a: 200ms\nb: 1m30s\nc: 1.5h\nd: 300us\ne: 0\n", Timeouts.class, null);

        assertThat(t).isEqualTo(new Timeouts(Duration.ofMillis(200), Duration.ofSeconds(90), Duration.ofMinutes(90),
                Duration.ofNanos(300_000), Duration.ZERO));
    }

    @Test
    void badDurationIsAnErrorWithLineAndPath() {
        ConfigError error = singleError("send_batch_size: 1\ntimeout: 5 parsecs\n", Batch.class);

        assertThat(error.location()).isEqualTo(new Location("test.yaml", 2));
        assertThat(error.path()).isEqualTo("processors::batch::timeout");
        assertThat(error.message()).contains("invalid duration '5 parsecs'");
    }

    @Test
    void bindsSizes() {
        record Limits(ByteSize a, ByteSize b, ByteSize c, ByteSize d, ByteSize e) {
        }

        Limits limits = bind("a: 1_000_000\nb: 512MiB\nc: 20MB\nd: 1KiB\ne: 7B\n", Limits.class, null);

        assertThat(limits).isEqualTo(new Limits(new ByteSize(1_000_000), new ByteSize(512L << 20), new ByteSize(20_000_000),
                new ByteSize(1024), new ByteSize(7)));
    }

    @Test
    void bindsListsOfRecordsEnumsAndMaps() {
        Sampling sampling = bind("""
                policies:
                  - name: keep-all
                    type: always_sample
                  - name: errors
                    type: STRING_ATTRIBUTE
                    values: [ERROR, FATAL]
                  - name: ottl
                    type: ottl_condition
                compression:
                  b: gzip
                  a: Zstd
                num_traces: 50_000
                ratio: 0.25
                """, Sampling.class, null);

        assertThat(sampling.policies()).containsExactly(
                new Policy("keep-all", PolicyType.ALWAYS_SAMPLE, List.of()),
                new Policy("errors", PolicyType.STRING_ATTRIBUTE, List.of("ERROR", "FATAL")),
                new Policy("ottl", PolicyType.OTTL, List.of()));
        assertThat(sampling.compression()).containsExactly(Map.entry("b", Compression.GZIP), Map.entry("a", Compression.ZSTD));
        assertThat(sampling.numTraces()).isEqualTo(50_000L);
        assertThat(sampling.ratio()).isEqualTo(0.25);
    }

    @Test
    void unknownEnumValueSuggestsClosest() {
        ConfigError error = singleError("compression: {x: gzp}\n", Sampling.class);

        assertThat(error.path()).isEqualTo("processors::batch::compression::x");
        assertThat(error.message()).isEqualTo("unknown value 'gzp' (did you mean 'gzip'?)");
    }

    @Test
    void rawNodeAndPlainObjectPassThrough() {
        Raw raw = bind("settings:\n  a: [1, 2]\nplain:\n  b: [x, ~]\n", Raw.class, null);

        assertThat(raw.settings().get("a").location()).isEqualTo(new Location("test.yaml", 2));
        assertThat(raw.plain()).isEqualTo(Map.of("b", java.util.Arrays.asList("x", null)));
    }

    @Test
    void unknownKeySuggestsClosestWithLine() {
        ConfigError error = singleError("timeout: 1s\nsned_batch_size: 10\n", Batch.class);

        assertThat(error.location()).isEqualTo(new Location("test.yaml", 2));
        assertThat(error.path()).isEqualTo("processors::batch::sned_batch_size");
        assertThat(error.message()).isEqualTo("unknown key 'sned_batch_size' (did you mean 'send_batch_size'?)");
    }

    @Test
    void unknownKeyWithoutCloseMatchListsValidKeys() {
        ConfigError error = singleError("colour: blue\n", Batch.class);

        assertThat(error.message()).isEqualTo(
                "unknown key 'colour'; valid keys: timeout, send_batch_size, send_batch_max_size, max_size, enabled");
    }

    @Test
    void wrongTypeIsAnErrorWithLine() {
        ConfigError error = singleError("timeout: 1s\n\nsend_batch_size: abc\n", Batch.class);

        assertThat(error.location()).isEqualTo(new Location("test.yaml", 3));
        assertThat(error.message()).isEqualTo("expected an integer, got 'abc'");
    }

    @Test
    void mapWhereScalarExpectedIsAnError() {
        ConfigError error = singleError("enabled: {a: 1}\n", Batch.class);

        assertThat(error.message()).isEqualTo("expected a boolean, got a map");
    }

    @Test
    void booleansAreCaseInsensitive() {
        assertThat(bind("enabled: FALSE\n", Batch.class, Batch.DEFAULT).enabled()).isFalse();
    }

    @Test
    void numbersAndBooleansAreWhatYamlTypesThePlainScalarAs() {
        record Typed(int octal, long hex, double infinity, double whole, boolean flag) {
        }

        assertThat(bind("octal: 017\nhex: 0x1F\ninfinity: .inf\nwhole: 2\nflag: True\n", Typed.class, null))
                .isEqualTo(new Typed(15, 31, Double.POSITIVE_INFINITY, 2.0, true));
        assertThat(singleError("enabled: tRuE\n", Batch.class).message()).isEqualTo("expected a boolean (true or false), got 'tRuE'");
        assertThat(singleError("send_batch_size: 99999999999999999999\n", Batch.class).message())
                .isEqualTo("integer out of range: '99999999999999999999'");
        assertThat(singleError("send_batch_size: 1.5\n", Batch.class).message()).isEqualTo("expected an integer, got '1.5'");
    }

    @Test
    void constructorValidationBecomesErrorAtTheRecord() {
        ConfigError error = singleError("send_batch_size: 100\nsend_batch_max_size: 10\n", Batch.class);

        assertThat(error.path()).isEqualTo("processors::batch");
        assertThat(error.message()).isEqualTo("send_batch_max_size must be greater or equal to send_batch_size");
    }

    @Test
    void validatedSectionIsCheckedEvenWhenWrittenEmpty() {
        ConfigNode root = section("exporters:\n  otlp:\n");

        assertThatThrownBy(() -> Binder.bind(root.get("exporters").get("otlp"), "exporters::otlp", Exporter.class, Exporter.DEFAULT))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).singleElement().satisfies(error -> {
                    assertThat(error.path()).isEqualTo("exporters::otlp");
                    assertThat(error.location().line()).isEqualTo(2);
                    assertThat(error.message()).isEqualTo("requires an endpoint");
                }));
        assertThat(Binder.bind(section("endpoint: tempo:4317\n"), "exporters::otlp", Exporter.class, Exporter.DEFAULT).endpoint())
                .isEqualTo("tempo:4317");
    }

    @Test
    void collectsAllErrorsOfASection() {
        ConfigNode node = section("""
                timeout: soon
                sned_batch_size: 1
                enabled: maybe
                """);

        assertThatThrownBy(() -> Binder.bind(node, "processors::batch", Batch.class, Batch.DEFAULT))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(error -> error.location().line())
                        .containsExactly(1, 2, 3));
    }

    @Test
    void listItemErrorsNameTheIndex() {
        ConfigError error = singleError("policies:\n  - name: a\n  - name: b\n    type: never\n", Sampling.class);

        assertThat(error.path()).isEqualTo("processors::batch::policies[1]::type");
        assertThat(error.location().line()).isEqualTo(4);
    }

    record Headers(String endpoint, Map<String, String> headers, List<String> names, int port, Duration timeout) {
        static final Headers DEFAULT = new Headers("localhost:4317", Map.of(), List.of(), 4317, Duration.ofSeconds(5));

        Headers {
            headers = Map.copyOf(headers); // throws on a null value, as the real configs' copies do
            names = List.copyOf(names);
        }
    }

    @Test
    void mapValueAndListItemWrittenWithoutValueAreEmptyStrings() {
        Headers bound = bind("headers:\n  x-scope-orgid:\n  empty: \"\"\nnames: [a, ~]\n", Headers.class, Headers.DEFAULT);

        assertThat(bound.headers()).containsExactlyInAnyOrderEntriesOf(Map.of("x-scope-orgid", "", "empty", ""));
        assertThat(bound.names()).containsExactly("a", "");
    }

    @Test
    void referenceExpandingToNothingIsEmptyStringOrZeroAsInOtelcol() {
        ConfigNode node = ConfigLoader.parse("""
                endpoint: ${env:UNSET}
                headers: {x-scope-orgid: "${env:UNSET}"}
                port: ${UNSET}
                timeout: ${env:UNSET}
                """, "test.yaml", Map.<String, String>of()::get);

        Headers bound = Binder.bind(node, "exporters::otlp", Headers.class, Headers.DEFAULT);

        assertThat(bound).isEqualTo(new Headers("", Map.of("x-scope-orgid", ""), List.of(), 0, Duration.ZERO));
    }

    @Test
    void yamlNullForAKeyKeepsItsDefault() {
        assertThat(bind("endpoint:\nport: ~\n", Headers.class, Headers.DEFAULT)).isEqualTo(Headers.DEFAULT);
    }

    record Strict(String name) {
        Strict {
            if (name.isEmpty()) { // a NullPointerException for a null name: an unexpected failure
                throw new IllegalStateException("empty");
            }
        }
    }

    record Parsed(String text) {
        @FromString
        public static Parsed parse(String text) {
            throw new UnsupportedOperationException("cannot parse " + text);
        }
    }

    record Holder(Strict strict, Parsed parsed) implements Validated {
        @Override
        public void validate() {
            throw new IllegalStateException("validate failed");
        }
    }

    @Test
    void anythingAConstructorFactoryOrValidateThrowsBecomesAnErrorAtItsPath() {
        assertThatThrownBy(() -> bind("strict: {name: ''}\nparsed: x\n", Holder.class, null))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .containsExactly(
                                "test.yaml:1: processors::batch::strict: invalid value (IllegalStateException: empty)",
                                "test.yaml:2: processors::batch::parsed: invalid value (UnsupportedOperationException: cannot parse x)"));
        assertThatThrownBy(() -> bind("strict: {name: a}\n", Holder.class, null))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .containsExactly("test.yaml:1: processors::batch: invalid value (IllegalStateException: validate failed)"));
        assertThatThrownBy(() -> bind("strict: {}\n", Holder.class, null))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors().get(0).toString())
                        .startsWith("test.yaml:1: processors::batch::strict: invalid value (NullPointerException"));
    }

    record Checked(int size, int maxSize, Duration timeout) {
        static final Checked DEFAULT = new Checked(10, 0, Duration.ofSeconds(1));

        Checked {
            Problems problems = new Problems();
            problems.when(size < 0, "size", "must not be negative");
            problems.when(maxSize < 0, "max_size", "must not be negative");
            problems.throwIfAny();
        }
    }

    @Test
    void aKeyErrorDoesNotHideTheRecordsChecksAndEachProblemIsAtItsKey() {
        ConfigNode node = section("""
                timeout: fast
                size: -5
                max_size: -1
                """);

        assertThatThrownBy(() -> Binder.bind(node, "processors::batch", Checked.class, Checked.DEFAULT))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .containsExactly(
                                "test.yaml:1: processors::batch::timeout: invalid duration 'fast': expected a number with a unit, e.g. 5s",
                                "test.yaml:2: processors::batch::size: must not be negative",
                                "test.yaml:3: processors::batch::max_size: must not be negative"));
    }

    record Required(List<String> names, int port) implements Validated {
        @Override
        public void validate() {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("names: at least one is required");
            }
        }
    }

    @Test
    void validateRunsBesideABrokenScalarButNotOnACollectionThatFellBack() {
        assertThatThrownBy(() -> bind("port: many\n", Required.class, null))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).extracting(ConfigError::message)
                        .containsExactly("expected an integer, got 'many'", "names: at least one is required"));
        assertThatThrownBy(() -> bind("names: [a, {b: c}]\n", Required.class, null))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors()).extracting(ConfigError::path)
                        .containsExactly("processors::batch::names[1]"));
    }

    @Test
    void bindAllKeepsTheGoodKeysOfASectionWithErrors() {
        Binder.Bound<Headers> bound = Binder.bindAll(section("endpoint: tempo:4317\nport: many\n"), "exporters::otlp",
                Headers.class, Headers.DEFAULT);

        assertThat(bound.errors()).extracting(ConfigError::path).containsExactly("exporters::otlp::port");
        assertThat(bound.value().endpoint()).isEqualTo("tempo:4317");
        assertThat(bound.value().port()).isEqualTo(4317);
    }

    /** A shared key set, embedded by {@link Sender} as otelcol's configs squash configgrpc's client. */
    record Client(String endpoint, Duration timeout, Map<String, String> headers) {
        static final Client DEFAULT = new Client("localhost:4317", Duration.ofSeconds(5), Map.of());

        Client {
            Problems problems = new Problems();
            problems.when(timeout.isNegative(), "timeout", "must not be negative");
            problems.throwIfAny();
        }
    }

    record Sender(String name, @Squash Client client, int retries) {
        static final Sender DEFAULT = new Sender("first", Client.DEFAULT, 3);

        Sender {
            Problems problems = new Problems();
            problems.when(retries < 0, "retries", "must not be negative");
            problems.when(client.endpoint().isEmpty(), "endpoint", "required");
            problems.throwIfAny();
        }
    }

    @Test
    void squashedRecordsKeysAreBoundAtTheParentsLevel() {
        Sender sender = bind("endpoint: tempo:4317\nretries: 5\nheaders:\n  a: b\n", Sender.class, Sender.DEFAULT);

        assertThat(sender).isEqualTo(new Sender("first", new Client("tempo:4317", Duration.ofSeconds(5), Map.of("a", "b")), 5));
        assertThat(bind("{}\n", Sender.class, null)).isEqualTo(Sender.DEFAULT);
    }

    @Test
    void squashedKeysAreReportedAndSuggestedAtTheParentsPathInYamlOrder() {
        ConfigNode node = section("""
                timeout: -1s
                retries: many
                endpont: x
                client: {}
                """);

        assertThatThrownBy(() -> Binder.bind(node, "exporters::otlp", Sender.class, Sender.DEFAULT))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .containsExactly(
                                "test.yaml:2: exporters::otlp::retries: expected an integer, got 'many'",
                                "test.yaml:3: exporters::otlp::endpont: unknown key 'endpont' (did you mean 'endpoint'?)",
                                "test.yaml:4: exporters::otlp::client: unknown key 'client'; "
                                        + "valid keys: name, endpoint, timeout, headers, retries",
                                "test.yaml:1: exporters::otlp::timeout: must not be negative"));
    }

    @Test
    void parentChecksOnSquashedKeysSkipKeysThatFailedToBind() {
        ConfigNode node = section("endpoint: ''\nheaders: [a]\n");

        assertThatThrownBy(() -> Binder.bind(node, "exporters::otlp", Sender.class, Sender.DEFAULT))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.errors())
                        .extracting(ConfigError::toString)
                        .containsExactly("test.yaml:2: exporters::otlp::headers: expected a map, got a list",
                                "test.yaml:1: exporters::otlp::endpoint: required"));
    }

    @Test
    void keyedValuesAndKeyTypesListSquashedKeysInTheirPlace() {
        assertThat(Binder.keyedValues(Sender.DEFAULT)).containsExactly(Map.entry("name", "first"),
                Map.entry("endpoint", "localhost:4317"), Map.entry("timeout", Duration.ofSeconds(5)), Map.entry("headers", Map.of()),
                Map.entry("retries", 3));
        assertThat(Binder.keyTypes(Sender.class)).containsOnlyKeys("name", "endpoint", "timeout", "headers", "retries");
        assertThat(Binder.keyTypes(Sender.class).keySet()).containsExactly("name", "endpoint", "timeout", "headers", "retries");
    }

    private static <T> T bind(String yaml, Class<T> type, T defaults) {
        return Binder.bind(section(yaml), "processors::batch", type, defaults);
    }

    private static <T> T bind(String yaml, String key, Class<T> type, T defaults) {
        return Binder.bind(section(yaml).get(key), key, type, defaults);
    }

    private static ConfigError singleError(String yaml, Class<?> type) {
        try {
            Binder.bind(section(yaml), "processors::batch", type, null);
        } catch (ConfigException e) {
            assertThat(e.errors()).hasSize(1);
            return e.errors().get(0);
        }
        throw new AssertionError("expected a ConfigException");
    }

    private static ConfigNode section(String yaml) {
        return ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get);
    }
}
