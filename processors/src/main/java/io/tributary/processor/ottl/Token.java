package io.tributary.processor.ottl;

/** One lexeme of a condition; {@code column} is 1-based, as error messages give it. */
record Token(Kind kind, String text, int column) {
    enum Kind {
        /** A lower-case name: a path segment, a keyword ({@code and}, {@code nil}, ...) or an editor's name. */
        LOWER,
        /** A name starting with an upper-case letter: a converter or an enum. */
        UPPER,
        STRING, INT, FLOAT, BYTES, PUNCT, EOF
    }

    boolean is(String punctOrKeyword) {
        return (kind == Kind.PUNCT || kind == Kind.LOWER) && text.equals(punctOrKeyword);
    }

    /** How the token reads in an error message. */
    String describe() {
        return kind == Kind.EOF ? "end of condition" : "'" + text + "'";
    }
}
