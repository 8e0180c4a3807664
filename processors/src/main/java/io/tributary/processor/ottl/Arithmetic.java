package io.tributary.processor.ottl;

/**
 * OTTL math on int64 and float64, as otelcol's OTTL evaluates it: two ints give an int (division
 * truncating), an int with a float is taken as a float (OTTL's LANGUAGE.md says mixing is an
 * error, but its code and tests convert), anything else is an error, and so is division by zero.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    static Object apply(Object left, String op, Object right) {
        if (!isNumber(left) || !isNumber(right)) {
            throw new OttlEvaluationException("cannot apply '" + op + "' to " + Values.typeName(left) + " and " + Values.typeName(right));
        }
        if (op.equals("/") && ((Number) right).doubleValue() == 0) {
            throw new OttlEvaluationException("attempted to divide by 0");
        }
        if (left instanceof Long && right instanceof Long) {
            long a = (Long) left;
            long b = (Long) right;
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                default -> a / b;
            };
        }
        double a = ((Number) left).doubleValue();
        double b = ((Number) right).doubleValue();
        return switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            default -> a / b;
        };
    }

    private static boolean isNumber(Object value) {
        return value instanceof Long || value instanceof Double;
    }
}
