package io.tributary.connector.spanmetrics;

import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.WireCursor;
import java.util.Arrays;

/**
 * The values of a few attribute names in one encoded attribute list, found in a single pass (the
 * first of a name wins, as pdata's {@code Get}): what {@code Attributes.find} does for one name,
 * for all the dimensions at once. The ranges index the scanned buffer until the next scan.
 */
final class AttributeScan {
    private static final int KEY = Schema.lengthDelimited(Schema.KeyValue.KEY);
    private static final int VALUE = Schema.lengthDelimited(Schema.KeyValue.VALUE);

    private final byte[][] names;
    /** Whether some wanted name has this many bytes: most keys are passed over on their length alone. */
    private final boolean[] nameLengths;
    private final int[] valueFrom;
    private final int[] valueTo;
    private final boolean[] found;

    AttributeScan(byte[][] names) {
        this.names = names;
        this.nameLengths = new boolean[Arrays.stream(names).mapToInt(name -> name.length).max().orElse(0) + 1];
        for (byte[] name : names) {
            nameLengths[name.length] = true;
        }
        this.valueFrom = new int[names.length];
        this.valueTo = new int[names.length];
        this.found = new boolean[names.length];
    }

    /** Scans the repeated {@code KeyValue} field {@code field} of the message in [from, to). */
    void scan(byte[] buf, int from, int to, int field) {
        Arrays.fill(found, false);
        if (names.length == 0) {
            return;
        }
        int wanted = Schema.lengthDelimited(field);
        int missing = names.length;
        WireCursor in = new WireCursor(buf, from, to);
        while (in.more() && missing > 0) {
            int tag = in.tag();
            if (tag != wanted) {
                in.skip(tag);
                continue;
            }
            int end = in.lengthEnd();
            if (keyValue(buf, in.pos(), end)) {
                missing--;
            }
            in.pos(end);
        }
    }

    /** Reads one {@code KeyValue}; true when it is the first of a wanted name. */
    private boolean keyValue(byte[] buf, int from, int to) {
        int name = -1;
        int valueStart = to;
        int valueEnd = to;
        WireCursor in = new WireCursor(buf, from, to);
        while (in.more()) {
            int tag = in.tag();
            if (tag == KEY) {
                int end = in.lengthEnd();
                name = nameAt(buf, in.pos(), end);
                if (name < 0) {
                    return false;
                }
                in.pos(end);
            } else if (tag == VALUE) {
                valueEnd = in.lengthEnd();
                valueStart = in.pos();
                in.pos(valueEnd);
            } else {
                in.skip(tag);
            }
        }
        if (name < 0) {
            return false;
        }
        found[name] = true;
        valueFrom[name] = valueStart;
        valueTo[name] = valueEnd;
        return true;
    }

    /** The wanted name not yet found that the key in [from, to) spells, or -1. */
    private int nameAt(byte[] buf, int from, int to) {
        int length = to - from;
        if (length >= nameLengths.length || !nameLengths[length]) {
            return -1;
        }
        for (int i = 0; i < names.length; i++) {
            byte[] name = names[i];
            if (!found[i] && name.length == length && (length == 0 || name[length - 1] == buf[to - 1])
                    && Arrays.equals(buf, from, to, name, 0, length)) {
                return i;
            }
        }
        return -1;
    }

    boolean found(int name) {
        return found[name];
    }

    int from(int name) {
        return valueFrom[name];
    }

    int to(int name) {
        return valueTo[name];
    }
}
