package io.tributary.processor.ottl;

/**
 * OTTL math on int64 and float64: both operands of one type (mixing is an error, as in OTTL),
 * integer division truncating, division by zero an error.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    static Object apply(Object left, String op, Object right) {
        boolean ints = left instanceof Long && right instanceof Long;
        if (!ints && !(left instanceof Double && right instanceof Double)) {
            throw new OttlEvaluationException("cannot apply '" + op + "' to " + Values.typeName(left) + " and " + Values.typeName(right));
        }
        if (op.equals("/") && ((Number) right).doubleValue() == 0) {
            throw new OttlEvaluationException("attempted to divide by 0");
        }
        if (ints) {
            long a = (Long) left;
            long b = (Long) right;
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                default -> a / b;
            };
        }
        double a = (Double) left;
        double b = (Double) right;
        return switch (op) {
            case "+" -> a + b;
            case "-" -> a - b;
            case "*" -> a * b;
            default -> a / b;
        };
    }
}
