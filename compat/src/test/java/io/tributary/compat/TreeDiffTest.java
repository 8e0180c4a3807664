package io.tributary.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class TreeDiffTest {
    @Test
    void equalTreesHaveNoDifference() {
        assertThat(TreeDiff.diff(JsonParser.parseString("{\"a\":[1,{\"b\":\"x\"}]}"), JsonParser.parseString("{\"a\":[1,{\"b\":\"x\"}]}")))
                .isEmpty();
    }

    @Test
    void namesEachDifferingLeafByItsPath() {
        var differences = TreeDiff.diff(
                JsonParser.parseString("{\"a\":{\"b\":1,\"only\":true},\"list\":[1,2,3],\"[k]\":{\"v\":\"x\"}}"),
                JsonParser.parseString("{\"a\":{\"b\":\"1\"},\"list\":[1,5],\"[k]\":{\"v\":\"y\"},\"extra\":null}"));

        assertThat(differences).containsExactly(
                new Difference("[k].v", "\"x\"", "\"y\""),
                new Difference("a.b", "1", "\"1\""),
                new Difference("a.only", "true", Difference.ABSENT),
                new Difference("extra", Difference.ABSENT, "null"),
                new Difference("list[1]", "2", "5"),
                new Difference("list[2]", "3", Difference.ABSENT));
    }

    @Test
    void keyedMembersJoinWithoutADot() {
        var differences = TreeDiff.diff(JsonParser.parseString("{\"attributes\":{\"[http.method]\":1}}"),
                JsonParser.parseString("{\"attributes\":{\"[http.method]\":2}}"));

        assertThat(differences).extracting(Difference::path).containsExactly("attributes[http.method]");
    }

    @Test
    void anObjectAgainstAValueIsOneDifference() {
        assertThat(TreeDiff.diff(JsonParser.parseString("{\"a\":{\"b\":1}}"), JsonParser.parseString("{\"a\":[1]}")))
                .containsExactly(new Difference("a", "{\"b\":1}", "[1]"));
    }
}
