package io.tributary.processor.ottl;

/**
 * OTTL math on int64 and float64: both operands of one type (mixing is an error, as in OTTL),
 * integer division truncating, division by zero an error.
 */
final class Arithmetic {
    private Arithmetic() {
    }

    static Object apply(Object left, String op, Object right) {
        if (left instanceof Long a && right instanceof Long b) {
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                default -> {
                    if (b == 0) {
                        throw new OttlEvaluationException("attempted to divide by 0");
                    }
                    yield a / b;
                }
            };
        }
        if (left instanceof Double a && right instanceof Double b) {
            return switch (op) {
                case "+" -> a + b;
                case "-" -> a - b;
                case "*" -> a * b;
                default -> {
                    if (b == 0) {
                        throw new OttlEvaluationException("attempted to divide by 0");
                    }
                    yield a / b;
                }
            };
        }
        throw new OttlEvaluationException("cannot apply '" + op + "' to " + Values.typeName(left) + " and " + Values.typeName(right));
    }
}
