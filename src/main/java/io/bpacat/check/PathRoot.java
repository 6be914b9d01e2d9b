package io.bpacat.check;

/**
 * The root of a Windows path, as checkers compare paths: for {@code D:\VMs\web01} the drive {@code D:} (the first two
 * characters, as written), for anything else the first two characters and what follows them up to the second
 * backslash: {@code \\fs01\vms} for {@code \\fs01\vms\web01\disk.vhdx}. Most objects of an inventory share a few
 * roots, so expressions that read the root instead of the whole path see the same value for many objects (and their
 * results are remembered, {@link ExpressionMemo}). The browser validator computes it the same way.
 *
 * <p>Every JSONata question about the first two characters of a path, and about the first two backslash-separated
 * parts after them ({@code $split($substring(p, 2), '\\')[0]} and {@code [1]}), has the same answer for the root:
 * characters are counted in code points, as JSONata's {@code $substring} does. A value that is not text is its own
 * root.
 */
final class PathRoot {
    private PathRoot() {
    }

    static Object of(Object value) {
        if (!(value instanceof String s) || s.codePointCount(0, s.length()) < 2) {
            return value;
        }
        int afterTwo = s.offsetByCodePoints(0, 2);
        if (s.codePointAt(s.offsetByCodePoints(0, 1)) == ':') {
            return s.substring(0, afterTwo);
        }
        int first = s.indexOf('\\', afterTwo);
        int second = first < 0 ? -1 : s.indexOf('\\', first + 1);
        return second < 0 ? s : s.substring(0, second);
    }
}
