package io.bpacat.check;

/** The one numeric representation of normalized data: whole numbers as {@link Long}, others as {@link Double}. */
final class Numbers {
    private Numbers() {
    }

    static Object canonical(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
            return (long) d;
        }
        return d;
    }

    static Object canonical(Number n) {
        if (n instanceof Long) {
            return n; // as it is: no new box for every number of a large inventory
        }
        if (n instanceof Integer || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        return canonical(n.doubleValue());
    }

    /** A number as people read it: no exponent, at most two decimals, no trailing zeros. */
    static String format(Number n) {
        if (n instanceof Long || n instanceof Integer) {
            return n.toString();
        }
        double d = n.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
            return Long.toString((long) d);
        }
        String s = new java.math.BigDecimal(d).setScale(2, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
        return s;
    }
}
