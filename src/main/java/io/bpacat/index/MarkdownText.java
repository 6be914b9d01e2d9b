package io.bpacat.index;

import java.util.regex.Pattern;

/** Markdown to the plain words a reader sees: markup, link targets, tags and table pipes removed. */
final class MarkdownText {
    private static final Pattern FENCE_LINE = Pattern.compile("(?m)^\\s*(```|~~~).*$");
    private static final Pattern TAG = Pattern.compile("<[^>\\n]*>");
    private static final Pattern LINK_TARGET = Pattern.compile("\\]\\([^)\\n]*\\)");
    private static final Pattern ALERT = Pattern.compile("\\[!(NOTE|TIP|IMPORTANT|CAUTION|WARNING)\\]");
    private static final Pattern MARKUP = Pattern.compile("(?m)^\\s{0,3}(#{1,6}|>+|[-*+]|\\d+\\.)\\s+|[*_`|\\[\\]\\\\]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private MarkdownText() {
    }

    static String plain(String markdown) {
        String s = FENCE_LINE.matcher(markdown).replaceAll(" ");
        s = TAG.matcher(s).replaceAll(" ");
        s = LINK_TARGET.matcher(s).replaceAll("] ");
        s = ALERT.matcher(s).replaceAll(" ");
        s = MARKUP.matcher(s).replaceAll(" ");
        s = s.replace("-|-", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return SPACES.matcher(s).replaceAll(" ").strip();
    }
}
