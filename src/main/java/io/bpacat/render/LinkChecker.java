package io.bpacat.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that every internal link and {@code #anchor} of a generated site resolves: the target file exists (a
 * folder link to its {@code index.html}) and, for an anchor, holds an element with that ID. Links to other hosts
 * are not followed. Reads the HTML as bpacat writes it (quoted attributes), so it needs no full parse per page.
 */
public final class LinkChecker {
    private static final Pattern REFRESH_URL = Pattern.compile("(?i)^\\s*\\d+\\s*;\\s*url=(.*)$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private final String basePath;
    /** Pages scanned by earlier checks, by path, when this checker is reused; null otherwise. */
    private final Map<String, Map.Entry<byte[], Scan>> earlier;
    /**
     * The last check, when reused: every path of the site, each page's scan and broken links. While the paths stay
     * the same and no page's IDs change, a page whose scan is the same has the same broken links.
     */
    private Set<String> lastPaths = Set.of();
    private Map<String, Scan> lastScans = Map.of();
    private Map<String, List<Broken>> lastBroken = Map.of();

    /** @param basePath where the site's root is on its host ({@code /}), for site-rooted links */
    public LinkChecker(String basePath) {
        this(basePath, false);
    }

    /** @param reuse keep each page's scan and reuse it on the next check while the page's bytes are the same */
    public LinkChecker(String basePath, boolean reuse) {
        this.basePath = basePath;
        this.earlier = reuse ? new java.util.concurrent.ConcurrentHashMap<>() : null;
    }

    public String basePath() {
        return basePath;
    }

    private Scan scan(String path, byte[] bytes) {
        if (earlier == null) {
            return scan(bytes);
        }
        Map.Entry<byte[], Scan> e = earlier.get(path);
        if (e != null && java.util.Arrays.equals(e.getKey(), bytes)) {
            return e.getValue();
        }
        Scan s = scan(bytes);
        earlier.put(path, Map.entry(bytes, s));
        return s;
    }

    /**
     * A link that does not resolve.
     *
     * @param page   the site path of the file holding it
     * @param href   the link as written
     * @param reason what is missing
     */
    public record Broken(String page, String href, String reason) {
    }

    /** A page's links and IDs, read once. */
    record Scan(List<String> links, Set<String> ids) {
    }

    /**
     * The links and IDs of pages read as a build makes them (from any thread), so that the check needs no page's
     * bytes afterwards: a build that writes its pages as it goes need not keep them.
     */
    public static final class Scans {
        private final Map<String, Scan> byPath = new java.util.concurrent.ConcurrentHashMap<>();

        /** A file of the site as it is made; pages (.html) are read, other files passed over. */
        public void add(String path, byte[] bytes) {
            if (isPage(path)) {
                byPath.put(path, scan(bytes));
            }
        }
    }

    private static boolean isPage(String path) {
        return path.endsWith(".html");
    }

    /** Checks every page of a site, reading each. */
    public List<Broken> check(SiteFiles site) {
        return check(site, null);
    }

    /**
     * Checks every page of a site, reading those {@code made} (null for none) has not read: a page the build no
     * longer holds must be among them.
     */
    public List<Broken> check(SiteFiles site, Scans made) {
        Set<String> paths = earlier != null ? site.paths() : null; // compared with the last check's when reused
        List<String> pages = site.pathsUnordered().stream().filter(LinkChecker::isPage).toList();
        Map<String, Scan> scans = pages.parallelStream().collect(java.util.stream.Collectors.toConcurrentMap(p -> p, p -> {
            Scan read = made == null ? null : made.byPath.get(p);
            return read != null ? read : scan(p, site.get(p));
        }));
        boolean onlyChangedPages = earlier != null && paths.equals(lastPaths) && pages.stream()
                .filter(p -> scans.get(p) != lastScans.get(p)).allMatch(p -> scans.get(p).ids().equals(lastScans.get(p).ids()));
        List<List<Broken>> found = pages.parallelStream().map(page -> onlyChangedPages
                && scans.get(page) == lastScans.get(page) ? lastBroken.get(page) : check(page, scans.get(page), site, scans))
                .toList();
        Map<String, List<Broken>> byPage = earlier != null ? new HashMap<>() : null; // kept for the next check
        Map<String, List<Broken>> brokenByPage = new java.util.TreeMap<>(); // the pages in path order: few, if any
        for (int i = 0; i < pages.size(); i++) {
            if (byPage != null) {
                byPage.put(pages.get(i), found.get(i));
            }
            if (!found.get(i).isEmpty()) {
                brokenByPage.put(pages.get(i), found.get(i));
            }
        }
        List<Broken> out = new ArrayList<>();
        brokenByPage.values().forEach(out::addAll);
        if (earlier != null) {
            lastPaths = paths;
            lastScans = scans;
            lastBroken = byPage;
        }
        return Collections.unmodifiableList(out);
    }

    private List<Broken> check(String page, Scan scan, SiteFiles site, Map<String, Scan> scans) {
        List<Broken> out = new ArrayList<>();
        for (String href : scan.links()) {
            String reason = check(page, href, site, scans);
            if (reason != null) {
                out.add(new Broken(page, href, reason));
            }
        }
        return out;
    }

    private String check(String page, String href, SiteFiles site, Map<String, Scan> scans) {
        if (href.isEmpty() || href.equals("#") || href.startsWith("//") || SCHEME.matcher(href).find()) {
            return null;
        }
        int hash = href.indexOf('#');
        String fragment = hash < 0 ? "" : href.substring(hash + 1);
        String path = hash < 0 ? href : href.substring(0, hash);
        int q = path.indexOf('?');
        path = q < 0 ? path : path.substring(0, q);
        String target;
        if (path.isEmpty()) {
            target = page;
        } else {
            String resolved = resolve(page, path);
            if (resolved == null) {
                return "leads outside the site";
            }
            target = file(resolved, site);
            if (target == null) {
                return "no such page: " + resolved;
            }
        }
        if (!fragment.isEmpty() && target.endsWith(".html")
                && !scans.get(target).ids().contains(decode(fragment))) {
            return "no element with id \"" + fragment + "\" in " + target;
        }
        return null;
    }

    private static String file(String resolved, SiteFiles site) {
        if (resolved.isEmpty() || resolved.endsWith("/")) {
            return site.contains(resolved + "index.html") ? resolved + "index.html" : null;
        }
        if (site.contains(resolved)) {
            return resolved;
        }
        return site.contains(resolved + "/index.html") ? resolved + "/index.html" : null;
    }

    private String resolve(String page, String path) {
        String start;
        if (path.startsWith("/")) {
            if (!path.startsWith(basePath)) {
                return null;
            }
            start = path.substring(basePath.length());
        } else {
            start = page.substring(0, page.lastIndexOf('/') + 1) + path;
        }
        boolean folder = start.endsWith("/") || start.endsWith("/.") || start.endsWith("/..") || start.equals(".")
                || start.equals("..");
        String[] parts = decode(start).split("/");
        java.util.ArrayDeque<String> out = new java.util.ArrayDeque<>();
        for (String part : parts) {
            if (part.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.removeLast();
            } else if (!part.isEmpty() && !part.equals(".")) {
                out.addLast(part);
            }
        }
        String joined = String.join("/", out);
        return folder && !joined.isEmpty() ? joined + "/" : joined;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /**
     * The links and IDs of a page ({@link #readTags}). Of an attribute written twice in a tag the last counts; only
     * the attributes read are unescaped.
     */
    static Scan scan(byte[] html) {
        LinksAndIds found = new LinksAndIds();
        readTags(html, found);
        return new Scan(found.links, found.ids);
    }

    /** Receives the tags of a page that have attributes: each attribute in order, then the tag's end. */
    interface TagReader {
        /** Whether the attribute named by these bytes is of interest (only those are decoded and passed on). */
        default boolean wants(byte[] html, int nameFrom, int nameTo) {
            return true;
        }

        void attribute(String name, String value);

        void end(String element);
    }

    /** {@link #readTags(byte[], TagReader)} of a page's text. */
    static void readTags(String html, TagReader reader) {
        readTags(html.getBytes(StandardCharsets.UTF_8), reader);
    }

    /**
     * Reads a page's tags as bpacat writes them, from its UTF-8 bytes (every character the reading looks for is
     * ASCII, a byte that is never part of another character's bytes; only the names and values read are decoded). A
     * tag is {@code <name} (a letter, then letters and digits) and, after white space, attribute text up to the next
     * {@code >} that holds no {@code <}; its attributes are the {@code name="value"} written after white space in
     * that text. Tags without attribute text are passed over.
     */
    static void readTags(byte[] html, TagReader reader) {
        int n = html.length;
        for (int lt = indexOf(html, '<', 0); lt >= 0; lt = indexOf(html, '<', lt + 1)) {
            int nameEnd = lt + 1;
            if (nameEnd >= n || !asciiLetter(html[nameEnd])) {
                continue;
            }
            while (nameEnd < n && (asciiLetter(html[nameEnd]) || asciiDigit(html[nameEnd]))) {
                nameEnd++;
            }
            if (nameEnd >= n || !regexSpace(html[nameEnd])) {
                continue; // `<name>` has no attributes; anything else after the name is no tag
            }
            int end = nameEnd;
            while (end < n && html[end] != '<' && html[end] != '>') {
                end++;
            }
            if (end >= n || html[end] != '>') {
                continue;
            }
            for (int i = nameEnd; i < end; ) {
                int[] attr = attribute(html, i, end);
                if (attr == null) {
                    i++;
                    continue;
                }
                if (reader.wants(html, attr[0], attr[1])) {
                    reader.attribute(text(html, attr[0], attr[1]), text(html, attr[2], attr[3]));
                }
                i = attr[3] + 1;
            }
            reader.end(text(html, lt + 1, nameEnd));
            lt = end;
        }
    }

    private static int indexOf(byte[] bytes, char c, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static String text(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    /** The links (href, src, a refresh's URL) and IDs (id, an a's name) of the tags read. */
    private static final class LinksAndIds implements TagReader {
        final List<String> links = new ArrayList<>();
        final Set<String> ids = new HashSet<>();
        private String id;
        private String name;
        private String href;
        private String src;
        private String httpEquiv;
        private String content;

        /** The names {@link #attribute} reads; a page's other attributes (class, lang, rel, ...) are not decoded. */
        @Override
        public boolean wants(byte[] html, int nameFrom, int nameTo) {
            return switch (nameTo - nameFrom) {
                case 2 -> asciiEqualsIgnoreCase(html, nameFrom, "id");
                case 3 -> asciiEqualsIgnoreCase(html, nameFrom, "src");
                case 4 -> asciiEqualsIgnoreCase(html, nameFrom, "href")
                        || asciiEqualsIgnoreCase(html, nameFrom, "name");
                case 7 -> asciiEqualsIgnoreCase(html, nameFrom, "content");
                case 10 -> asciiEqualsIgnoreCase(html, nameFrom, "http-equiv");
                default -> false;
            };
        }

        @Override
        public void attribute(String attribute, String value) {
            switch (attribute.toLowerCase(java.util.Locale.ROOT)) {
                case "id" -> id = value;
                case "name" -> name = value;
                case "href" -> href = value;
                case "src" -> src = value;
                case "http-equiv" -> httpEquiv = value;
                case "content" -> content = value;
                default -> {
                }
            }
        }

        @Override
        public void end(String element) {
            if (id != null) {
                ids.add(unescape(id));
            }
            if (name != null && element.equalsIgnoreCase("a")) {
                ids.add(unescape(name));
            }
            if (href != null) {
                links.add(unescape(href));
            }
            if (src != null) {
                links.add(unescape(src));
            }
            if (element.equalsIgnoreCase("meta") && httpEquiv != null && "refresh".equalsIgnoreCase(unescape(httpEquiv))) {
                Matcher m = REFRESH_URL.matcher(content == null ? "" : unescape(content));
                if (m.matches()) {
                    links.add(m.group(1).strip());
                }
            }
            id = name = href = src = httpEquiv = content = null;
        }
    }

    /**
     * The attribute {@code \s name="value"} starting at {@code at} (the white space) within a tag's text ending
     * before {@code end}: {name start, name end, value start, value end}, or null when none starts there.
     */
    private static int[] attribute(byte[] html, int at, int end) {
        if (!regexSpace(html[at])) {
            return null;
        }
        int nameStart = at + 1;
        int i = nameStart;
        while (i < end && (asciiLetter(html[i]) || html[i] == '-')) {
            i++;
        }
        if (i == nameStart || i + 1 >= end || html[i] != '=' || html[i + 1] != '"') {
            return null;
        }
        int close = indexOf(html, '"', i + 2);
        return close < 0 || close >= end ? null : new int[] {nameStart, i, i + 2, close};
    }

    /** Whether the bytes from {@code from} are the lower-case ASCII name, its letters in either case. */
    private static boolean asciiEqualsIgnoreCase(byte[] bytes, int from, String name) {
        for (int i = 0; i < name.length(); i++) {
            int b = bytes[from + i];
            int c = name.charAt(i);
            if (b != c && !(asciiLetter(bytes[from + i]) && (b | 0x20) == c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiLetter(byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean asciiDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** What {@code \s} matches in a Java regex: space, tab, line feed, vertical tab, form feed, carriage return. */
    private static boolean regexSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    private static String unescape(String v) {
        return v.indexOf('&') < 0 ? v : org.jsoup.parser.Parser.unescapeEntities(v, true);
    }
}
