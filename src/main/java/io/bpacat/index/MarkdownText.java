package io.bpacat.index;

import java.util.regex.Pattern;

/** Markdown to the plain words a reader sees: markup, link targets, tags and table pipes removed. */
final class MarkdownText {
    private static final Pattern FENCE_LINE = Pattern.compile("(?m)^\\s*(```|~~~).*$");
    private static final Pattern TAG = Pattern.compile("<[^>\\n]*>");
    private static final Pattern LINK_TARGET = Pattern.compile("\\]\\([^)\\n]*\\)");
    private static final Pattern ALERT = Pattern.compile("\\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\\]");

    private MarkdownText() {
    }

    /** The steps run one after the other; a step is left out where the text lacks what it looks for. */
    static String plain(String markdown) {
        String s = markdown;
        if (s.contains("```") || s.contains("~~~")) {
            s = FENCE_LINE.matcher(s).replaceAll(" ");
        }
        if (s.indexOf('<') >= 0) {
            s = TAG.matcher(s).replaceAll(" ");
        }
        if (s.contains("](")) {
            s = LINK_TARGET.matcher(s).replaceAll("] ");
        }
        if (s.contains("[!")) {
            s = ALERT.matcher(s).replaceAll(" ");
        }
        s = withoutMarkup(s);
        if (s.indexOf('&') >= 0) {
            s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        }
        return s.strip();
    }

    /**
     * The text with its line markers and markup characters replaced by a space and every run of white space made one
     * space: what {@code (?m)^\s{0,3}(#{1,6}|>+|[-*+]|\d+\.)\s+|[*_`|\[\]\\]} replaced by a space and then
     * {@code \s+} replaced by one space give (MarkdownTextTest holds both expressions and compares), in one pass.
     */
    static String withoutMarkup(String s) {
        int n = s.length();
        StringBuilder out = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            int end = lineStart(s, i) ? markerEnd(s, i) : -1;
            char c = s.charAt(i);
            if (end > i || space(c) || c == '*' || c == '_' || c == '`' || c == '|' || c == '[' || c == ']'
                    || c == '\\') {
                if (out.length() == 0 || out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
                i = end > i ? end : i + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * Where {@code ^} matches in a multi-line Java pattern: at the start, and after a line terminator (not between \r
     * and \n); never at the end.
     */
    private static boolean lineStart(String s, int i) {
        if (i == 0) {
            return s.length() > 0;
        }
        if (i >= s.length()) {
            return false;
        }
        char before = s.charAt(i - 1);
        boolean terminator = before == '\n' || before == '\r' || before == '\u0085' || (before | 1) == '\u2029';
        return terminator && !(before == '\r' && s.charAt(i) == '\n');
    }

    /**
     * The end of {@code \s{0,3}(#{1,6}|>+|[-*+]|\d+\.)\s+} matched at {@code i}, or -1. Each part can only match
     * whole: the leading white space is all of it (at most 3), then one marker, then all the white space after it.
     */
    private static int markerEnd(String s, int i) {
        int n = s.length();
        int at = i;
        while (at < n && space(s.charAt(at))) {
            at++;
        }
        if (at - i > 3 || at >= n) {
            return -1;
        }
        char c = s.charAt(at);
        int after;
        if (c == '#' || c == '>') {
            after = at;
            while (after < n && s.charAt(after) == c) {
                after++;
            }
            if (c == '#' && after - at > 6) {
                return -1;
            }
        } else if (c == '-' || c == '*' || c == '+') {
            after = at + 1;
        } else if (c >= '0' && c <= '9') {
            after = at;
            while (after < n && s.charAt(after) >= '0' && s.charAt(after) <= '9') {
                after++;
            }
            if (after >= n || s.charAt(after) != '.') {
                return -1;
            }
            after++;
        } else {
            return -1;
        }
        if (after >= n || !space(s.charAt(after))) {
            return -1;
        }
        while (after < n && space(s.charAt(after))) {
            after++;
        }
        return after;
    }

    /** What {@code \s} matches in a Java regex: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean space(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
