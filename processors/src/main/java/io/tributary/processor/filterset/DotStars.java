package io.tributary.processor.filterset;

/**
 * Drops a leading and a trailing {@code .*} from a {@code java.util.regex} pattern used only for
 * {@code find()}'s yes/no answer. Java backtracks a leading {@code .*} from every start position,
 * quadratic in the text's length, where Go's RE2 is linear; without it the search is linear (and
 * a literal rest gets Java's Boyer-Moore scan).
 *
 * <p>Why the answer cannot change, for any pattern R, whatever {@code .} matches (flags,
 * {@code (?s)}, line terminators): find() is true when R matches at some start k, with nothing
 * required after it. For {@code .*R}: a match from i has {@code .*} take [i, k) and R match at k,
 * so R alone matches at k; conversely R matching at k gives {@code .*R} matching at k with an
 * empty {@code .*}. Lazy {@code .*?} is the same set of matches tried in another order. For
 * {@code R.*}: R matches at i ending at some k, then {@code .*} takes nothing or more and the
 * match is accepted either way; so the two accept at the same starts. Alternations need no care:
 * {@code .*a|b} is {@code (.*a)|b}, and find() of an alternation is find() of either branch. A
 * possessive {@code .*+} gives nothing back, so it is kept; so is a {@code .*} that an escape
 * ({@code \.}, {@code \c.}, {@code \Q...}), a character class or a comment ({@code (?x)} with
 * {@code #}) makes something else. Capturing groups are untouched, but the result is for the
 * boolean answer only.
 */
final class DotStars {
    private DotStars() {
    }

    /** {@code pattern} without its outer {@code .*}s, or itself; {@code pattern} must compile. */
    static String strip(String pattern) {
        String stripped = pattern;
        int lead;
        while ((lead = leadingLength(stripped)) > 0) {
            stripped = stripped.substring(lead);
        }
        while (endsWithDotStar(stripped)) {
            stripped = stripped.substring(0, stripped.length() - 2);
        }
        return stripped;
    }

    /** 2 for a leading greedy {@code .*}, 3 for a lazy {@code .*?}, 0 when none or possessive or followed by another quantifier. */
    private static int leadingLength(String pattern) {
        if (!pattern.startsWith(".*")) {
            return 0;
        }
        int length = pattern.startsWith(".*?") ? 3 : 2;
        return length < pattern.length() && isQuantifier(pattern.charAt(length)) ? 0 : length;
    }

    private static boolean isQuantifier(char c) {
        return c == '*' || c == '+' || c == '?' || c == '{';
    }

    /**
     * Whether the last two characters are a {@code .} metacharacter and its {@code *}. Escapes are
     * walked from the start, since one may take the dot ({@code \.}, {@code \c.}; {@code \\.} does not); a
     * character class cannot hold them, as it would be left open in a pattern that compiles; a
     * {@code #} may start a comment that runs to the end, so it disables the rewrite.
     */
    private static boolean endsWithDotStar(String pattern) {
        int dot = pattern.length() - 2;
        if (dot < 0 || !pattern.endsWith(".*") || pattern.indexOf('#') >= 0) {
            return false;
        }
        int i = 0;
        while (i < dot) {
            i = pattern.charAt(i) == '\\' ? afterEscape(pattern, i) : i + 1;
        }
        return i == dot;
    }

    /** The index after the escape at {@code i}: {@code \Q} quotes up to {@code \E} or the end, {@code \c} takes one more character. */
    private static int afterEscape(String pattern, int i) {
        char next = i + 1 < pattern.length() ? pattern.charAt(i + 1) : 0;
        if (next == 'Q') {
            int end = pattern.indexOf("\\E", i + 2);
            return end < 0 ? pattern.length() : end + 2;
        }
        return i + (next == 'c' ? 3 : 2);
    }
}
