package io.tributary.processor.ottl;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a condition into tokens. Signs are always operator tokens (the parser folds them into
 * numbers), so {@code end_time_unix_nano -1} and {@code end_time_unix_nano - 1} read the same.
 * String literals are unquoted with Go's rules, as OTTL's grammar does, so a regex needs
 * {@code "\\d"}, not {@code "\d"}.
 */
final class Lexer {
    private static final String[] PUNCT = {"==", "!=", "<=", ">=", "<", ">", "(", ")", "[", "]", "{", "}", ",", ".", "+", "-", "*", "/", "=", ":"};

    private final String text;
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        Lexer lexer = new Lexer(text);
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.next();
            tokens.add(token);
        } while (token.kind() != Token.Kind.EOF);
        return tokens;
    }

    private Token next() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
        int start = pos;
        if (pos >= text.length()) {
            return new Token(Token.Kind.EOF, "", pos + 1);
        }
        char c = text.charAt(pos);
        if (c == '"') {
            return new Token(Token.Kind.STRING, string(), start + 1);
        }
        if (c == '0' && pos + 1 < text.length() && (text.charAt(pos + 1) == 'x' || text.charAt(pos + 1) == 'X')) {
            pos += 2;
            while (pos < text.length() && Character.digit(text.charAt(pos), 16) >= 0) {
                pos++;
            }
            String hex = text.substring(start + 2, pos);
            if (hex.isEmpty() || hex.length() % 2 != 0) {
                throw new OttlException("invalid byte slice literal '" + text.substring(start, pos) + "'", start + 1);
            }
            return new Token(Token.Kind.BYTES, hex, start + 1);
        }
        if (isDigit(c) || (c == '.' && pos + 1 < text.length() && isDigit(text.charAt(pos + 1)))) {
            return number(start);
        }
        if (isLetter(c)) {
            while (pos < text.length() && (isLetter(text.charAt(pos)) || isDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
                pos++;
            }
            Token.Kind kind = Character.isUpperCase(c) ? Token.Kind.UPPER : Token.Kind.LOWER;
            return new Token(kind, text.substring(start, pos), start + 1);
        }
        for (String punct : PUNCT) {
            if (text.startsWith(punct, pos)) {
                pos += punct.length();
                return new Token(Token.Kind.PUNCT, punct, start + 1);
            }
        }
        throw new OttlException("unexpected character '" + c + "'", start + 1);
    }

    private Token number(int start) {
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        boolean isFloat = false;
        if (pos < text.length() && text.charAt(pos) == '.') {
            isFloat = true;
            pos++;
            int fraction = pos;
            while (pos < text.length() && isDigit(text.charAt(pos))) {
                pos++;
            }
            if (pos == fraction) {
                throw new OttlException("invalid number '" + text.substring(start, pos) + "'", start + 1);
            }
        }
        if (isFloat && pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int exponent = pos + 1;
            if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
                exponent++;
            }
            if (exponent < text.length() && isDigit(text.charAt(exponent))) {
                pos = exponent;
                while (pos < text.length() && isDigit(text.charAt(pos))) {
                    pos++;
                }
            }
        }
        return new Token(isFloat ? Token.Kind.FLOAT : Token.Kind.INT, text.substring(start, pos), start + 1);
    }

    /** Go's strconv.Unquote for a double-quoted literal. */
    private String string() {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= text.length()) {
                break;
            }
            char escape = text.charAt(pos + 1);
            int escapeColumn = pos + 1;
            pos += 2;
            switch (escape) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '\\' -> out.append('\\');
                case '"' -> out.append('"');
                case 'x' -> out.append((char) hexDigits(2, escapeColumn));
                case 'u' -> out.append((char) hexDigits(4, escapeColumn));
                case 'U' -> out.appendCodePoint(hexDigits(8, escapeColumn));
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    pos--;
                    int value = 0;
                    for (int i = 0; i < 3; i++) {
                        int digit = pos < text.length() ? Character.digit(text.charAt(pos), 8) : -1;
                        if (digit < 0) {
                            throw new OttlException("invalid octal escape in string", escapeColumn);
                        }
                        value = value * 8 + digit;
                        pos++;
                    }
                    out.append((char) value);
                }
                default -> throw new OttlException("invalid escape '\\" + escape + "' in string (write '\\\\" + escape + "' for a backslash)", escapeColumn);
            }
        }
        throw new OttlException("unterminated string", start + 1);
    }

    private int hexDigits(int count, int escapeColumn) {
        if (pos + count > text.length()) {
            throw new OttlException("invalid hex escape in string", escapeColumn);
        }
        int value = 0;
        for (int i = 0; i < count; i++) {
            int digit = Character.digit(text.charAt(pos + i), 16);
            if (digit < 0) {
                throw new OttlException("invalid hex escape in string", escapeColumn);
            }
            value = value * 16 + digit;
        }
        pos += count;
        if (!Character.isValidCodePoint(value)) {
            throw new OttlException("invalid code point in string", escapeColumn);
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
