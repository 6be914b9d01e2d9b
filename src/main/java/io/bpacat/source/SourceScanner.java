package io.bpacat.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds every Markdown page below a content folder, in a stable order. A first-level folder whose name is a
 * locale ({@code en-us}, {@code zh-tw}) gives its pages that locale; hidden folders and {@code checkers/} are skipped.
 */
public final class SourceScanner {
    private static final Pattern LOCALE_DIR = Pattern.compile("[a-z]{2,3}(-[a-z]{2,4})?(-[a-z]{2})?");

    /** Whether a folder name reads as a locale. */
    public static boolean isLocaleDir(String name) {
        return LOCALE_DIR.matcher(name).matches() && !name.equals("checkers");
    }

    public List<SourceFile> scan(Path contentDir) {
        if (!Files.isDirectory(contentDir)) {
            throw new ContentFolderNotFoundException(contentDir);
        }
        List<Path> pages;
        try (Stream<Path> walk = Files.walk(contentDir)) {
            pages = walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !skipped(contentDir.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + contentDir, e);
        }
        List<SourceFile> files = new ArrayList<>(pages.size());
        for (Path p : pages) {
            files.add(read(contentDir, p));
        }
        return files;
    }

    private static boolean skipped(Path rel) {
        for (Path part : rel) {
            String s = part.toString();
            if (s.startsWith(".") || s.equals("checkers") || s.equals("node_modules")) {
                return true;
            }
        }
        return rel.getFileName().toString().equalsIgnoreCase("README.md") && rel.getNameCount() == 1;
    }

    private static SourceFile read(Path contentDir, Path p) {
        String rel = contentDir.relativize(p).toString().replace('\\', '/');
        String first = rel.contains("/") ? rel.substring(0, rel.indexOf('/')) : "";
        String localeDir = isLocaleDir(first.toLowerCase(java.util.Locale.ROOT)) ? first : "";
        String local = localeDir.isEmpty() ? rel : rel.substring(localeDir.length() + 1);
        try {
            return new SourceFile(rel, localeDir, local, Files.readAllBytes(p));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    /** The content folder does not exist or is not a folder. */
    public static final class ContentFolderNotFoundException extends RuntimeException {
        public ContentFolderNotFoundException(Path dir) {
            super("content folder not found: " + dir + " (pass --content DIR with a folder of Markdown pages)");
        }
    }
}
