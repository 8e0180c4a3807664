package io.tributary.processor.ottl;

import java.util.List;

/** The syntax tree of a condition, as the parser reads it; nothing is resolved yet. */
sealed interface Ast {
    /** Where the node starts, 1-based, for error messages. */
    int column();

    record Or(List<Ast> terms, int column) implements Ast {
    }

    record And(List<Ast> terms, int column) implements Ast {
    }

    record Not(Ast operand, int column) implements Ast {
    }

    record Compare(String op, Ast left, Ast right, int column) implements Ast {
    }

    /** {@code +}, {@code -}, {@code *} or {@code /}. */
    record Math(String op, Ast left, Ast right, int column) implements Ast {
    }

    /** A String, Long, Double, Boolean, byte[] or null ({@code nil}). */
    record Literal(Object value, int column) implements Ast {
    }

    /** Upper-case name that is not called: {@code SPAN_KIND_SERVER}. */
    record EnumSymbol(String name, int column) implements Ast {
    }

    /** {@code resource.attributes["k"]}: dotted names, then index keys. */
    record Path(List<String> names, List<Key> keys, int column) implements Ast {
        String text() {
            return String.join(".", names);
        }
    }

    /** A function call, possibly indexed ({@code Split(x, ",")[0]}). */
    record Call(String name, List<Ast> args, List<Key> keys, int column) implements Ast {
    }

    record ListLiteral(List<Ast> items, int column) implements Ast {
    }

    /** An index key: a String or a Long. */
    record Key(Object value, int column) {
    }
}
