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
        s = MARKUP.matcher(s).replaceAll(" ");
        if (s.indexOf('&') >= 0) {
            s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        }
        return SPACES.matcher(s).replaceAll(" ").strip();
    }
}
