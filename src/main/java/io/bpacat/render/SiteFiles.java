package io.bpacat.render;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * The generated site in memory: file path (relative, with slashes) to bytes. Filled by many threads; read in path
 * order. A path written twice with different bytes is a programmer error and says which path.
 */
public final class SiteFiles {
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    /** Gets each new file as it is put (a build writing its output meanwhile); null for none. */
    private final BiConsumer<String, byte[]> sink;

    public SiteFiles() {
        this(null);
    }

    /** Files that also go to {@code sink} as each is first put (not those replaced later). */
    public SiteFiles(BiConsumer<String, byte[]> sink) {
        this.sink = sink;
    }

    public void put(String path, byte[] bytes) {
        byte[] before = files.putIfAbsent(path, bytes);
        if (before != null && !Arrays.equals(before, bytes)) {
            throw new IllegalStateException("two different files generated for " + path);
        }
        if (before == null && sink != null) {
            sink.accept(path, bytes);
        }
    }

    /** Replaces a file written before (catalog.json, once every diagnostic is known). */
    public void replace(String path, String text) {
        files.put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public void put(String path, String text) {
        put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean contains(String path) {
        return files.containsKey(path);
    }

    public byte[] get(String path) {
        return files.get(path);
    }

    public Set<String> paths() {
        return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(files.keySet()));
    }

    public SortedMap<String, byte[]> sorted() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    public int size() {
        return files.size();
    }

    /** A copy holding these files and those of {@code more} (the files' bytes are shared, never changed). */
    public SiteFiles with(SiteFiles more) {
        SiteFiles out = new SiteFiles();
        out.files.putAll(files);
        more.files.forEach(out::put);
        return out;
    }

    /** Writes every file below an empty folder. */
    public void writeTo(Path folder) throws IOException {
        writeTo(folder, null);
    }

    /**
     * Writes every file below a fresh folder that will replace {@code previous} (null for none), keeping the files
     * of {@code previous} whose bytes did not change: what OutputWriter does for a build, here all at once.
     */
    public void writeTo(Path folder, Path previous) throws IOException {
        try (OutputWriter writer = new OutputWriter(folder, previous)) {
            writer.finish(this);
        }
    }

    /** Reads a generated site back from a folder (for checks and tests). */
    public static SiteFiles read(Path folder) throws IOException {
        SiteFiles out = new SiteFiles();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                out.put(folder.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
