package io.bpacat.parse;

import java.util.Arrays;

/** Maps offsets in a page body to real 1-based file lines and columns. */
public final class LineMap {
    private final int[] starts;
    private final int firstLine;

    /** @param firstLine the file line of the body's first line */
    public LineMap(String body, int firstLine) {
        this.firstLine = firstLine;
        int[] s = new int[16];
        int n = 0;
        s[n++] = 0;
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) == '\n') {
                if (n == s.length) {
                    s = Arrays.copyOf(s, n * 2);
                }
                s[n++] = i + 1;
            }
        }
        this.starts = Arrays.copyOf(s, n);
    }

    /** The file line of an offset; an offset past the end is on the last line. */
    public int line(int offset) {
        return firstLine + index(offset);
    }

    int column(int offset) {
        return offset - starts[index(offset)] + 1;
    }

    private int index(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }
}
