package io.tributary.compat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Field-by-field comparison of two JSON trees. Paths join object members with {@code .} and
 * array elements with {@code [i]}; a member whose name is already bracketed (a
 * {@link CanonicalJson#keyed keyed} map such as {@code [http.method]}) joins without the dot.
 */
final class TreeDiff {
    private static final int MAX_VALUE_LENGTH = 160;

    private TreeDiff() {
    }

    static List<Difference> diff(JsonElement otelcol, JsonElement tributary) {
        List<Difference> differences = new ArrayList<>();
        diff("", otelcol, tributary, differences);
        return differences;
    }

    private static void diff(String path, JsonElement otelcol, JsonElement tributary, List<Difference> out) {
        if (otelcol.isJsonObject() && tributary.isJsonObject()) {
            JsonObject left = otelcol.getAsJsonObject();
            JsonObject right = tributary.getAsJsonObject();
            TreeSet<String> names = new TreeSet<>(left.keySet());
            names.addAll(right.keySet());
            for (String name : names) {
                String child = member(path, name);
                if (!left.has(name)) {
                    out.add(new Difference(child, Difference.ABSENT, show(right.get(name))));
                } else if (!right.has(name)) {
                    out.add(new Difference(child, show(left.get(name)), Difference.ABSENT));
                } else {
                    diff(child, left.get(name), right.get(name), out);
                }
            }
        } else if (otelcol.isJsonArray() && tributary.isJsonArray()) {
            JsonArray left = otelcol.getAsJsonArray();
            JsonArray right = tributary.getAsJsonArray();
            for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
                String child = path + "[" + i + "]";
                if (i >= left.size()) {
                    out.add(new Difference(child, Difference.ABSENT, show(right.get(i))));
                } else if (i >= right.size()) {
                    out.add(new Difference(child, show(left.get(i)), Difference.ABSENT));
                } else {
                    diff(child, left.get(i), right.get(i), out);
                }
            }
        } else if (!otelcol.equals(tributary)) {
            out.add(new Difference(path, show(otelcol), show(tributary)));
        }
    }

    private static String member(String path, String name) {
        if (name.startsWith("[")) {
            return path + name;
        }
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String show(JsonElement value) {
        String text = value.toString();
        return text.length() <= MAX_VALUE_LENGTH ? text : text.substring(0, MAX_VALUE_LENGTH) + "...";
    }
}
