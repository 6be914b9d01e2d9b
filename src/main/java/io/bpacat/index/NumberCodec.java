package io.bpacat.index;

/**
 * Non-negative integers as text that a JSON string holds without escapes and the browser decodes with one table
 * look-up per character (engine.js {@code readInts}): little-endian groups of 5 bits, each written as a digit of
 * {@link #DIGITS}; digits 0–31 end a number, digits 32–63 carry 5 bits and say that more follow. Numbers below 32
 * take one character, below 1024 two.
 */
final class NumberCodec {
    static final String DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private NumberCodec() {
    }

    static void append(StringBuilder out, int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative number " + value + " cannot be encoded");
        }
        int v = value;
        while (v >= 32) {
            out.append(DIGITS.charAt(32 + (v & 31)));
            v >>>= 5;
        }
        out.append(DIGITS.charAt(v));
    }
}
