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
import java.util.zip.CRC32C;

/**
 * The generated site in memory: file path (relative, with slashes) to bytes. Filled by many threads; read in path
 * order. A path written twice with different bytes is a programmer error and says which path.
 * <p>
 * A build that writes its files as it makes them ({@code bpacat build}) need not keep their bytes: such a SiteFiles
 * hands each new file to its sink and keeps only its length and checksum (enough to notice a path made twice with
 * different bytes), so the bytes of a large site do not stay in memory to the end of the build. A file replaced
 * later (catalog.json) is always kept.
 */
public final class SiteFiles {
    private final Map<String, Held> files = new ConcurrentHashMap<>();
    /** Gets each new file as it is put (a build writing its output meanwhile); null for none. */
    private final BiConsumer<String, byte[]> sink;
    private final boolean keep;
    /** The paths replaced after they were first put (their bytes may differ from those the sink had). */
    private final Set<String> replaced = ConcurrentHashMap.newKeySet();

    /** A file as held: its bytes, or (not kept) their length and CRC-32C. */
    private record Held(byte[] bytes, int length, int crc) {
        static Held of(byte[] bytes, boolean keep) {
            if (keep) {
                return new Held(bytes, bytes.length, 0);
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes);
            return new Held(null, bytes.length, (int) crc.getValue());
        }

        /** Equal bytes; where either is not kept, equal length and checksum. */
        boolean same(Held other) {
            if (bytes != null && other.bytes != null) {
                return Arrays.equals(bytes, other.bytes);
            }
            Held a = digest();
            Held b = other.digest();
            return a.length == b.length && a.crc == b.crc;
        }

        private Held digest() {
            return bytes == null ? this : of(bytes, false);
        }
    }

    public SiteFiles() {
        this(null);
    }

    /** Files that also go to {@code sink} as each is first put (not those replaced later). */
    public SiteFiles(BiConsumer<String, byte[]> sink) {
        this(sink, true);
    }

    /**
     * @param sink gets each file as it is first put (not those replaced later); null for none
     * @param keep whether the files handed to the sink stay readable here ({@link #get}); always so without a sink
     */
    public SiteFiles(BiConsumer<String, byte[]> sink, boolean keep) {
        this.sink = sink;
        this.keep = keep || sink == null;
    }

    public void put(String path, byte[] bytes) {
        if (hold(path, Held.of(bytes, keep)) && sink != null) {
            sink.accept(path, bytes);
        }
    }

    /** Holds a file; false where the path was held already (with the same bytes: a different file is refused). */
    private boolean hold(String path, Held held) {
        Held before = files.putIfAbsent(path, held);
        if (before != null && !before.same(held)) {
            throw new IllegalStateException("two different files generated for " + path);
        }
        return before == null;
    }

    /** Replaces a file written before (catalog.json, once every diagnostic is known); it is kept. */
    public void replace(String path, String text) {
        files.put(path, Held.of(text.getBytes(StandardCharsets.UTF_8), true));
        replaced.add(path);
    }

    /** Whether the file was replaced after it was first put. */
    boolean replaced(String path) {
        return replaced.contains(path);
    }

    public void put(String path, String text) {
        put(path, text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean contains(String path) {
        return files.containsKey(path);
    }

    /**
     * The bytes of a file, or null where there is none.
     *
     * @throws IllegalStateException where the file went to the sink and was not kept
     */
    public byte[] get(String path) {
        Held held = files.get(path);
        if (held != null && held.bytes == null) {
            throw new IllegalStateException("not kept once written: " + path);
        }
        return held == null ? null : held.bytes;
    }

    public Set<String> paths() {
        return Collections.unmodifiableSortedSet(new java.util.TreeSet<>(files.keySet()));
    }

    /** The paths, in no order (a view: files put later are in it too). */
    Set<String> pathsUnordered() {
        return Collections.unmodifiableSet(files.keySet());
    }

    /** Every file with its bytes, in path order ({@link #get}: every file must be kept). */
    public SortedMap<String, byte[]> sorted() {
        SortedMap<String, byte[]> out = new TreeMap<>();
        files.keySet().forEach(p -> out.put(p, get(p)));
        return Collections.unmodifiableSortedMap(out);
    }

    public int size() {
        return files.size();
    }

    /** Adds the files of {@code more} (as held there: they went to its own sink, if any, not to this one's). */
    public void putAll(SiteFiles more) {
        more.files.forEach(this::hold);
    }

    /** A copy holding these files and those of {@code more} (the files' bytes are shared, never changed). */
    public SiteFiles with(SiteFiles more) {
        SiteFiles out = new SiteFiles();
        out.files.putAll(files);
        out.putAll(more);
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
