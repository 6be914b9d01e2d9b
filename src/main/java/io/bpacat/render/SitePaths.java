package io.bpacat.render;

import io.bpacat.source.SourceScanner;
import java.util.Locale;

/**
 * Where each generated page lives. Every path is relative to the site root; a folder path ends in a slash and is
 * written as its {@code index.html}. Links between pages are relative ({@link #relative}), so the site works in any
 * folder of any host.
 */
public final class SitePaths {
    public static final String ASSETS = "assets/";

    private SitePaths() {
    }

    /** {@code it-IT} → {@code it-it}: locales are lower case in URLs. */
    public static String locale(String locale) {
        return locale.toLowerCase(Locale.ROOT);
    }

    /** The catalog home in a locale's language: the default locale's is the site root. */
    public static String home(String locale, String defaultLocale) {
        return locale.equalsIgnoreCase(defaultLocale) ? "" : locale(locale) + "/";
    }

    public static String rule(String locale, String id) {
        return locale(locale) + "/rules/" + id + "/";
    }

    /** The page that picks the reader's language among a rule's translations. */
    public static String rulePicker(String id) {
        return "rules/" + id + "/";
    }

    public static String page(String locale, String id) {
        return locale(locale) + "/pages/" + id + "/";
    }

    /** The redirect from a page's original file name: {@code it-it/Avoid-pausing-a-virtual-machine/}. */
    public static String originalName(String locale, String source) {
        return locale(locale) + "/" + withoutMd(localPath(source)) + "/";
    }

    /** A path without its {@code .md} ending (in any case): {@code a/b.MD} → {@code a/b}; another path as it is. */
    public static String withoutMd(String path) {
        int at = path.length() - 3;
        return at >= 0 && path.regionMatches(true, at, ".md", 0, 3) ? path.substring(0, at) : path;
    }

    /** A source path without its locale folder: {@code it-it/a/b.md} → {@code a/b.md}. */
    public static String localPath(String source) {
        int slash = source.indexOf('/');
        if (slash > 0 && SourceScanner.isLocaleDir(source.substring(0, slash).toLowerCase(Locale.ROOT))) {
            return source.substring(slash + 1);
        }
        return source;
    }

    /** The file a path is written to: a folder path gets {@code index.html}. */
    public static String file(String path) {
        return path.isEmpty() || path.endsWith("/") ? path + "index.html" : path;
    }

    /** The prefix that leads from the folder of {@code path} back to the site root: {@code ../../}. */
    public static String root(String path) {
        String file = file(path);
        int depth = (int) file.chars().filter(c -> c == '/').count();
        return "../".repeat(depth);
    }

    /** A relative link from the page at {@code from} to {@code to} (both site paths). */
    public static String relative(String from, String to) {
        String fromDir = file(from).substring(0, file(from).lastIndexOf('/') + 1);
        int common = 0;
        int i = 0;
        while (i < fromDir.length() && i < to.length() && fromDir.charAt(i) == to.charAt(i)) {
            if (fromDir.charAt(i) == '/') {
                common = i + 1;
            }
            i++;
        }
        String up = "../".repeat((int) fromDir.substring(common).chars().filter(c -> c == '/').count());
        String rest = to.substring(common);
        String link = up + rest;
        return link.isEmpty() ? "./" : link;
    }
}
