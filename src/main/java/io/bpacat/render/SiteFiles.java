package io.bpacat.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The generated site in memory: file path (relative, with slashes) to bytes. Filled by many threads; read in path
 * order. A path written twice with different bytes is a programmer error and says which path.
 */
public final class SiteFiles {
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    public void put(String path, byte[] bytes) {
        byte[] before = files.putIfAbsent(path, bytes);
        if (before != null && !Arrays.equals(before, bytes)) {
            throw new IllegalStateException("two different files generated for " + path);
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

    /** Writes every file below a folder: the folders first, then the files in parallel. */
    public void writeTo(Path folder) throws IOException {
        writeTo(folder, null);
    }

    /**
     * Writes every file below a fresh folder that will replace {@code previous} (null for none): a file whose bytes
     * are those of the same path in {@code previous} becomes a second name of that file (a hard link) instead of a
     * copy. Nothing of {@code previous} is changed, so a build that fails later leaves it as it was; a rebuild keeps
     * the unchanged files as they were (their dates too, for tools that upload what changed), and the file system
     * has no new file to make for them nor an old one to free when {@code previous} is deleted. Where a link cannot
     * be made (another file system, one without links) the file is written.
     */
    public void writeTo(Path folder, Path previous) throws IOException {
        Set<Path> made = new java.util.HashSet<>();
        for (String path : paths()) {
            Path parent = folder.resolve(path).getParent();
            if (made.add(parent)) {
                Files.createDirectories(parent);
            }
        }
        try {
            files.entrySet().parallelStream().forEach(e -> write(folder.resolve(e.getKey()), e.getValue(),
                    previous == null ? null : previous.resolve(e.getKey())));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void write(Path file, byte[] bytes, Path before) {
        try {
            if (before != null && holds(before, bytes) && linked(file, before)) {
                return;
            }
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code file} is a regular file (not a link to one) holding exactly these bytes. */
    private static boolean holds(Path file, byte[] bytes) {
        try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (in.size() != bytes.length || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            ByteBuffer held = ByteBuffer.allocate(bytes.length);
            while (held.hasRemaining() && in.read(held) >= 0) {
                // reads until the buffer is full or the file ends
            }
            return !held.hasRemaining() && Arrays.equals(held.array(), bytes);
        } catch (IOException e) {
            return false; // missing, a folder, unreadable: written anew
        }
    }

    /** Makes {@code file} a second name of {@code existing}; false where the file system cannot. */
    private static boolean linked(Path file, Path existing) {
        try {
            Files.createLink(file, existing);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
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
