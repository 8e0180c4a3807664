package io.tributary.processor.attributes.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.client.AuthData;
import io.tributary.core.client.ClientInfo;
import io.tributary.processor.filtermatch.AttributeValues;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributeActionsTest {
    /** Each row: the actions, the attributes before and after, all in flow YAML (typed: 1 is an int, '1' a string). */
    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            [{key: env, value: prod, action: insert}]                      | {a: 1}              | {a: 1, env: prod}
            [{key: env, value: prod, action: INSERT}]                      | {env: dev}          | {env: dev}
            [{key: account_id, value: 2245, action: insert}]               | {}                  | {account_id: 2245}
            [{key: ok, value: true, action: insert}]                       | {}                  | {ok: true}
            [{key: id, value: '2245', action: insert}]                     | {}                  | {id: '2245'}
            [{key: tags, value: [a, 1], action: insert}]                   | {}                  | {tags: [a, 1]}
            [{key: b, from_attribute: a, action: insert}]                  | {a: x}              | {a: x, b: x}
            [{key: b, from_attribute: missing, action: insert}]            | {a: x}              | {a: x}
            [{key: env, value: prod, action: update}]                      | {env: dev, a: 1}    | {env: prod, a: 1}
            [{key: env, value: prod, action: update}]                      | {a: 1}              | {a: 1}
            [{key: env, from_attribute: a, action: update}]                | {env: dev, a: 1}    | {env: 1, a: 1}
            [{key: env, value: prod, action: upsert}]                      | {env: dev}          | {env: prod}
            [{key: env, value: prod, action: upsert}]                      | {a: 1}              | {a: 1, env: prod}
            [{key: a, action: delete}]                                     | {a: 1, b: 2, c: 3}  | {c: 3, b: 2}
            [{key: missing, action: delete}]                               | {a: 1}              | {a: 1}
            [{pattern: '^http\\.request\\.header\\.', action: delete}]     | {http.request.header.authorization: s, http.request.header.cookie: c, http.method: GET} | {http.method: GET}
            [{key: a, pattern: '^b', action: delete}]                      | {a: 1, b1: 2, b2: 3, c: 4} | {c: 4}
            [{key: email, action: hash}]                                   | {email: alice@example.com} | {email: ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976}
            [{key: n, action: hash}]                                       | {n: 42}             | {n: ed049108bc18f2c64369e8d0ea42850bdd1a7d1dd340cfde716315579702a76c}
            [{key: ok, action: hash}]                                      | {ok: true}          | {ok: 4bf5122f344554c53bde2ebb8cd2b7e3d1600ad631c385a5d7cce23c7785459a}
            [{key: r, action: hash}]                                       | {r: 1.5}            | {r: e163f8cb0f7067a7fc78ca859a77f849aea3214f38fb75b884e4a16be725c905}
            [{key: e, action: hash}]                                       | {e: ''}             | {e: e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855}
            [{key: l, action: hash}]                                       | {l: [1]}            | {l: ''}
            [{key: missing, action: hash}]                                 | {a: x}              | {a: x}
            [{pattern: '^user\\.', action: hash}]                          | {user.id: x, other: x} | {user.id: 2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881, other: x}
            [{key: user.id, pattern: '^user\\.', action: hash}]            | {user.id: x}        | {user.id: a57b5956dbc6e02127bbb40c87cb8244196d6d18e0e141936ffcd8cffad457ad}
            [{key: url, pattern: '^/api/(?P<version>v\\d)/users/(?P<user_id>\\d+)$', action: extract}] | {url: /api/v1/users/42} | {url: /api/v1/users/42, version: v1, user_id: '42'}
            [{key: url, pattern: '/users/(?P<user_id>\\d+)', action: extract}] | {url: /v2/users/7/x, user_id: old} | {url: /v2/users/7/x, user_id: '7'}
            [{key: url, pattern: '^/(?P<a>x)?(?P<b>y)$', action: extract}] | {url: /y}           | {url: /y, a: '', b: y}
            [{key: url, pattern: '^/api/(?P<version>v\\d)', action: extract}] | {url: /web/v1}   | {url: /web/v1}
            [{key: url, pattern: '(?P<n>\\d)', action: extract}]           | {url: 42}           | {url: 42}
            [{key: c, action: convert, converted_type: int}]               | {c: '123'}          | {c: 123}
            [{key: c, action: convert, converted_type: int}]               | {c: '12.5'}         | {c: '12.5'}
            [{key: c, action: convert, converted_type: int}]               | {c: 12.9}           | {c: 12}
            [{key: c, action: convert, converted_type: int}]               | {c: true}           | {c: 1}
            [{key: c, action: convert, converted_type: int}]               | {c: [1]}            | {c: [1]}
            [{key: c, action: convert, converted_type: double}]            | {c: '1.5'}          | {c: 1.5}
            [{key: c, action: convert, converted_type: double}]            | {c: ' 1.5'}         | {c: ' 1.5'}
            [{key: c, action: convert, converted_type: double}]            | {c: '1.5d'}         | {c: '1.5d'}
            [{key: c, action: convert, converted_type: double}]            | {c: 2}              | {c: 2.0}
            [{key: c, action: convert, converted_type: double}]            | {c: '1_000.5'}      | {c: 1000.5}
            [{key: c, action: convert, converted_type: double}]            | {c: '1__0'}         | {c: '1__0'}
            [{key: c, action: convert, converted_type: double}]            | {c: false}          | {c: 0.0}
            [{key: c, action: convert, converted_type: string}]            | {c: 5}              | {c: '5'}
            [{key: c, action: convert, converted_type: string}]            | {c: 1.5}            | {c: '1.5'}
            [{key: c, action: convert, converted_type: string}]            | {c: 1.0e-7}         | {c: '1e-7'}
            [{key: c, action: convert, converted_type: string}]            | {c: -0.0}           | {c: '-0'}
            [{key: c, action: convert, converted_type: string}]            | {c: 1.0e21}         | {c: '1e+21'}
            [{key: c, action: convert, converted_type: string}]            | {c: true}           | {c: 'true'}
            [{key: c, action: convert, converted_type: string}]            | {c: {b: 1, a: x}}   | {c: '{"a":"x","b":1}'}
            [{key: c, action: convert, converted_type: string}]            | {a: 1}              | {a: 1}
            [{key: a, action: delete}, {key: a, value: 2, action: insert}] | {a: 1}              | {a: 2}
            """)
    void appliesActionsAsOtelcolDoes(String actions, String before, String after) {
        List<KeyValue> result = compile(actions).apply(attributes(before));

        assertThat(result).isEqualTo(attributes(after));
    }

    @Test
    void returnsTheSameListWhenNothingChanges() {
        List<KeyValue> attributes = attributes("{env: prod, a: 1}");

        List<KeyValue> result = compile("[{key: env, value: prod, action: upsert}, {key: missing, action: delete}, {key: a, value: 2, action: insert}]")
                .apply(attributes);

        assertThat(result).isSameAs(attributes);
    }

    /** Each row: actions otelcol refuses to start with, and a piece of its message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            [{key: a, action: insert}]                                     | Either field "value", "from_attribute" or "from_context" setting must be specified for 0-th action
            [{key: b, value: 1, action: insert}, {value: 1, action: upsert}] | missing required field "key" at the 1-th actions
            [{key: a, value: 1, from_attribute: b, action: upsert}]        | multiple value sources being set at the 0-th actions
            [{key: a, value: 1, pattern: x, action: update}]               | Action "update" does not use the "pattern" field
            [{key: a, value: 1, converted_type: int, action: update}]      | Action "update" does not use the "converted_type" field
            [{action: delete}]                                             | at least one of "key" and "pattern" have to be used
            [{key: a, value: 1, action: hash}]                             | Action "hash" does not use "value" or "from_attribute" field
            [{key: a, pattern: '(', action: delete}]                       | Field "pattern" has invalid pattern: "("
            [{key: a, action: extract}]                                    | missing required field "pattern" for action "extract"
            [{key: a, pattern: 'abc', action: extract}]                    | contains no named matcher groups
            [{key: a, pattern: '(?P<x>a)(b)', action: extract}]            | contains at least one unnamed matcher group
            [{key: a, from_attribute: b, pattern: '(?P<x>a)', action: extract}] | does not use a value source field
            [{key: a, action: convert}]                                    | missing required field "converted_type"
            [{key: a, action: convert, converted_type: bool}]              | invalid value "bool" in field "converted_type"
            [{key: a, pattern: x, action: convert, converted_type: int}]   | does not use value sources or "pattern" field
            [{key: a}]                                                     | unsupported action "" at the 0-th actions
            [{key: a, from_context: x, value: 1, action: insert}]          | multiple value sources
            [{key: a, from_context: x, pattern: y, action: extract}]       | does not use a value source field
            """)
    void refusesWhatOtelcolRefuses(String actions, String message) {
        assertThatThrownBy(() -> compile(actions))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    /** Each row: the key {@code from_context} names, and the value it inserts (absent: nothing). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            metadata.x-tenant      | acme;globex
            metadata.X-Tenant      | acme;globex
            x-tenant               | acme;globex
            metadata.missing       |
            client.address         | 10.1.2.3
            auth.username          | alice
            auth.groups            | ops;dev
            auth.uid               |
            auth.missing           |
            """)
    void fromContextReadsTheBatchsClientAsOtelcol(String key, String expected) {
        AuthData auth = name -> switch (name) {
            case "username" -> "alice";
            case "groups" -> List.of("ops", "dev");
            case "uid" -> 42;
            default -> null;
        };
        ClientInfo client = ClientInfo.of(new InetSocketAddress("10.1.2.3", 5555))
                .withMetadata(Map.of("x-tenant", List.of("acme", "globex")))
                .withAuth(auth);

        List<KeyValue> result = compile("[{key: v, from_context: " + key + ", action: insert}]").forClient(client).apply(List.of());

        assertThat(result).isEqualTo(expected == null ? List.of() : attributes("{v: '" + expected + "'}"));
    }

    @Test
    void fromContextWithoutAClientFindsNothingButAnEmptyAddress() {
        AttributeActions actions = compile("[{key: t, from_context: metadata.x-tenant, action: upsert},"
                + " {key: a, from_context: auth.username, action: upsert}, {key: ip, from_context: client.address, action: upsert}]");

        assertThat(actions.forClient(ClientInfo.NONE).apply(attributes("{t: old}")))
                .isEqualTo(attributes("{t: old, ip: ''}"));
    }

    @Test
    void actionsThatReadNoClientAreSharedAsTheyAre() {
        AttributeActions actions = compile("[{key: env, value: prod, action: insert}, {key: x, from_context: y, action: delete}]");

        assertThat(actions.forClient(ClientInfo.of(new InetSocketAddress("10.1.2.3", 5555)))).isSameAs(actions);
    }

    private static AttributeActions compile(String actions) {
        List<ActionConfig> configs = Binder.bind(ConfigLoader.parse("actions: " + actions, "test", name -> null), "", Actions.class, null).actions();
        return AttributeActions.compile(configs);
    }

    private static List<KeyValue> attributes(String map) {
        AnyValue value = AttributeValues.fromConfig(ConfigLoader.parse(map, "test", name -> null));
        return value.getKvlistValue().getValuesList();
    }

    /** A section holding just an actions list, to bind it as the processors' configs do. */
    record Actions(List<ActionConfig> actions) {
    }
}
