package io.bpacat.render;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Writes a site into the fresh folder of an output being replaced (OutputFolder) while the build is still making
 * it: the files go to a thread of its own as they are made, so the file system's work, most of it waiting for its
 * journal, overlaps the rendering instead of following it. {@link #finish} then makes the folder hold exactly the
 * site's files (those replaced after they were first made, such as catalog.json, written again).
 */
final class OutputWriter implements AutoCloseable {
    private static final Map.Entry<String, byte[]> END = Map.entry("", new byte[0]);

    private final Path folder;
    private final Path previous;
    private final BlockingQueue<Map.Entry<String, byte[]>> queue = new LinkedBlockingQueue<>();
    /** The paths the thread wrote (its own; read by finish once it has ended). */
    private final Set<String> written = new HashSet<>();
    private final Set<Path> made = new HashSet<>();
    private final Thread thread;
    private volatile IOException failure;
    private boolean ended;

    /**
     * @param folder   the fresh folder
     * @param previous the output it will replace, whose unchanged files are kept (null for none)
     */
    OutputWriter(Path folder, Path previous) {
        this.folder = folder;
        this.previous = previous;
        this.thread = new Thread(this::drain, "bpacat-write");
        thread.setDaemon(true);
        thread.start();
    }

    /** A file made by the build (from any thread). */
    void offer(String path, byte[] bytes) {
        if (failure == null) {
            queue.add(Map.entry(path, bytes));
        }
    }

    private void drain() {
        try {
            for (Map.Entry<String, byte[]> e = queue.take(); e != END; e = queue.take()) {
                if (failure == null && !written.contains(e.getKey())) {
                    put(e.getKey(), e.getValue());
                }
            }
        } catch (IOException e) {
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void put(String path, byte[] bytes) throws IOException {
        Path file = folder.resolve(path);
        Path parent = file.getParent();
        if (made.add(parent)) {
            Files.createDirectories(parent);
        }
        write(file, bytes, previous == null ? null : previous.resolve(path));
        written.add(path);
    }

    /**
     * Waits for the files offered so far, then writes those of {@code site} the folder does not hold as they are (not
     * offered, or replaced since): the folder then holds exactly the site's files. An offered file is the one the site
     * holds unless replaced since: the site refuses a second, different file for a path.
     */
    void finish(SiteFiles site) throws IOException {
        end();
        if (failure != null) {
            throw failure;
        }
        Set<String> paths = site.paths();
        for (String path : paths) {
            boolean was = written.contains(path);
            if (was && !site.replaced(path)) {
                continue;
            }
            if (was) {
                // never written through: the file may be a name of the previous output's file
                Files.delete(folder.resolve(path));
                written.remove(path);
            }
            put(path, site.get(path));
        }
        for (String path : written) {
            if (!paths.contains(path)) {
                throw new IllegalStateException("a file written but not in the site: " + path);
            }
        }
    }

    /** Ends the thread (after what it was given) and waits for it; a build that failed ends it so. */
    @Override
    public void close() {
        end();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        queue.add(END);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Writes a file of a fresh folder that will replace {@code previous} (null for none): where the file of the same
     * path in {@code previous} holds the same bytes, the new file is a second name of it (a hard link) instead of a
     * copy. Nothing of {@code previous} is changed, so a build that fails later leaves it as it was; a rebuild keeps
     * the unchanged files as they were (their dates too, for tools that upload what changed), and the file system
     * has no new file to make for them nor an old one to free when {@code previous} is deleted. Where a link cannot
     * be made (another file system, one without links) the file is written.
     */
    private static void write(Path file, byte[] bytes, Path before) throws IOException {
        if (before != null && holds(before, bytes) && linked(file, before)) {
            return;
        }
        Files.write(file, bytes);
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
}
