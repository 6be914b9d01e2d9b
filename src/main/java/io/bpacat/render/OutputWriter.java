package io.bpacat.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Writes a site into the fresh folder of an output being replaced (OutputFolder) while the build is still making
 * it: the files go to threads of their own as they are made, so the file system's work overlaps the rendering
 * instead of following it. Two threads write: the file system's work is much of a large build (making a file or a
 * folder on ext4 searches for a free inode, long where many were deleted lately), and one thread alone falls behind
 * the rendering, then finishes alone while the other processors wait. {@link #finish} then makes the folder hold
 * exactly the site's files (those replaced after they were first made, such as catalog.json, written again).
 */
final class OutputWriter implements AutoCloseable {
    private static final Map.Entry<String, byte[]> END = Map.entry("", new byte[0]);
    private static final int THREADS = 2;

    private final Path folder;
    private final Path previous;
    private final BlockingQueue<Map.Entry<String, byte[]>> queue = new LinkedBlockingQueue<>();
    /** The paths written (read by finish once the threads have ended). */
    private final Set<String> written = ConcurrentHashMap.newKeySet();
    /** The folders made, each by the first thread that needed it (the others wait for it). */
    private final Map<Path, Boolean> made = new ConcurrentHashMap<>();
    private final List<Thread> threads = new ArrayList<>();
    /** The files of an earlier output the folder held when the writer began (paths with slashes). */
    private final Set<String> earlierFiles = new HashSet<>();
    /** Its folders (paths with slashes; the folder itself is ""). */
    private final Set<String> earlierFolders = new HashSet<>();
    private volatile IOException failure;
    private boolean ended;

    /**
     * @param folder   the fresh folder
     * @param previous the output it will replace, whose unchanged files are kept (null for none)
     */
    OutputWriter(Path folder, Path previous) {
        this.folder = folder;
        this.previous = previous;
        CountDownLatch earlierRead = new CountDownLatch(1);
        for (int i = 0; i < THREADS; i++) {
            boolean first = i == 0;
            // the first thread reads what the folder holds while the build begins; then both write
            Thread thread = new Thread(() -> {
                if (first) {
                    try {
                        readEarlier();
                    } catch (IOException e) {
                        failure = e;
                    } finally {
                        earlierRead.countDown();
                    }
                } else if (!awaited(earlierRead)) {
                    return;
                }
                drain();
            }, "bpacat-write-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    /** A file made by the build (from any thread). */
    void offer(String path, byte[] bytes) {
        if (failure == null) {
            queue.add(Map.entry(path, bytes));
        }
    }

    private static boolean awaited(CountDownLatch latch) {
        try {
            latch.await();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void drain() {
        try {
            for (Map.Entry<String, byte[]> e = queue.take(); e != END; e = queue.take()) {
                if (failure == null && written.add(e.getKey())) {
                    try {
                        put(e.getKey(), e.getValue());
                    } catch (IOException x) {
                        failure = x;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Notes what an earlier output left in the folder (OutputFolder keeps the output last replaced for the next build
     * to write into): its files and folders, to keep those still wanted and delete the others at the end. Anything
     * else (a link, which the writing could follow out of the folder) is deleted now.
     */
    private void readEarlier() throws IOException {
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                earlierFolders.add(relative(dir));
                made.put(dir, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    earlierFiles.add(relative(file));
                } else {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Writes a file (the caller has added its path to {@code written}). */
    private void put(String path, byte[] bytes) throws IOException {
        Path file = folder.resolve(path);
        makeFolder(file.getParent());
        if (earlierFiles.contains(path)) {
            if (holds(file, bytes)) {
                return; // the earlier output's file is this one (often a name of the current output's file)
            }
            Files.deleteIfExists(file); // never written through: it may be a name of the current output's file
        } else if (earlierFolders.contains(path)) {
            OutputFolder.delete(file); // a folder where the site now has a file
        }
        write(file, bytes, previous == null ? null : previous.resolve(path));
    }

    /** Makes a folder and those above it, once (the other threads wait for it), deleting an earlier file in the way. */
    private void makeFolder(Path dir) throws IOException {
        try {
            made.computeIfAbsent(dir, d -> {
                try {
                    for (int i = 0; ; i++) {
                        try {
                            Files.createDirectories(d);
                            return true;
                        } catch (FileAlreadyExistsException e) {
                            Path inTheWay = Path.of(e.getFile());
                            if (i > d.getNameCount() || !earlierFiles.contains(relative(inTheWay))) {
                                throw e;
                            }
                            Files.delete(inTheWay);
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private String relative(Path inFolder) {
        return folder.relativize(inFolder).toString().replace('\\', '/');
    }

    /** Deletes what the earlier output held that the site does not: its other files, then its emptied folders. */
    private void deleteEarlierLeftOver() throws IOException {
        for (String path : earlierFiles) {
            Path file = folder.resolve(path);
            // not there once a file replaced a folder above it
            if (!written.contains(path) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(file);
            }
        }
        Set<String> wanted = new HashSet<>();
        for (String path : written) {
            for (int slash = path.lastIndexOf('/'); slash > 0 && wanted.add(path.substring(0, slash));
                 slash = path.lastIndexOf('/', slash - 1)) {
                // every folder above a written file
            }
        }
        // in reverse order a folder comes before the folders holding it
        List<String> leftOver = earlierFolders.stream().filter(d -> !d.isEmpty() && !wanted.contains(d))
                .sorted(java.util.Comparator.reverseOrder()).toList();
        for (String dir : leftOver) {
            Path folderPath = folder.resolve(dir);
            if (Files.isDirectory(folderPath, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(folderPath);
            }
        }
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
        Set<String> paths = site.pathsUnordered();
        for (String path : paths) {
            boolean was = written.contains(path);
            if (was && !site.replaced(path)) {
                continue;
            }
            if (was) {
                // never written through: the file may be a name of the previous output's file
                Files.delete(folder.resolve(path));
            }
            written.add(path);
            put(path, site.get(path));
        }
        for (String path : written) {
            if (!paths.contains(path)) {
                throw new IllegalStateException("a file written but not in the site: " + path);
            }
        }
        deleteEarlierLeftOver();
    }

    /** Ends the threads (after what they were given) and waits for them; a build that failed ends them so. */
    @Override
    public void close() {
        end();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        threads.forEach(t -> queue.add(END));
        boolean interrupted = false;
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
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
