package io.bpacat.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes an output folder as a whole: everything goes to a folder beside it, which replaces the old one only once
 * the writer has finished. A writer that fails leaves the previous output as it was.
 * <p>
 * The output replaced is not deleted but kept beside the new one, hidden ({@code .output.bpacat-previous} for
 * {@code output}), and the next build writes into it: its folders are there already, as are the files that did not
 * change (or are names of the current output's files), so a rebuild makes and deletes few files and folders instead
 * of every one (on ext4 both are the larger part of writing a large site: each new inode is searched for past those
 * freed lately). The kept folder is never the live output, so a build that fails or stops halfway through it leaves
 * the output as it was; deleting it costs only the next build's time.
 */
public final class OutputFolder {

    /**
     * Writes the site into {@code folder}, which may hold an earlier output (the writer makes it hold exactly the
     * site's files, as OutputWriter does); {@code previous} is the output it will replace (null when there is none).
     */
    @FunctionalInterface
    public interface Writer {
        void write(Path folder, Path previous) throws IOException;
    }

    private OutputFolder() {
    }

    /** The hidden folder beside {@code out} that keeps the output last replaced, for the next build to write into. */
    public static Path kept(Path out) {
        Path target = out.toAbsolutePath().normalize();
        return target.resolveSibling("." + target.getFileName() + ".bpacat-previous");
    }

    public static void replace(Path out, Writer writer) {
        replace(out, writer, true);
    }

    /**
     * @param keepPrevious keep the output replaced beside the new one for the next build; false: delete it, and any
     *                     output kept by an earlier build, and write into an empty folder
     */
    public static void replace(Path out, Writer writer, boolean keepPrevious) {
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        try {
            Files.createDirectories(parent);
            Path fresh = folderFor(target, keepPrevious);
            try {
                writer.write(fresh, Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS) ? target : null);
            } catch (IOException | RuntimeException e) {
                delete(fresh);
                throw e;
            }
            swap(fresh, target, keepPrevious);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    /**
     * The folder to write into: the kept output (where it is to be used), taken under a name of this build's own (two
     * builds at once cannot both take it), or else a new empty folder.
     */
    private static Path folderFor(Path target, boolean keepPrevious) throws IOException {
        Path kept = kept(target);
        if (keepPrevious && Files.isDirectory(kept, LinkOption.NOFOLLOW_LINKS)) {
            Path taken = target.resolveSibling("." + target.getFileName() + ".new-" + System.nanoTime());
            try {
                move(kept, taken);
                return taken;
            } catch (IOException e) {
                // taken by another build meanwhile, or not movable: start from an empty folder
            }
        }
        return Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".new-");
    }

    private static void swap(Path fresh, Path target, boolean keepPrevious) throws IOException {
        Path old = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + System.nanoTime());
            move(target, old);
        }
        try {
            move(fresh, target);
        } catch (IOException e) {
            if (old != null) {
                move(old, target);
            }
            throw e;
        }
        if (!keepPrevious) {
            delete(kept(target));
        }
        if (old != null && keepPrevious) {
            keep(old, target);
        } else if (old != null) {
            delete(old);
        }
    }

    /** Keeps the replaced output for the next build; deletes it where it cannot be kept (another is there). */
    private static void keep(Path old, Path target) throws IOException {
        Path kept = kept(target);
        if (Files.isDirectory(old, LinkOption.NOFOLLOW_LINKS) && !Files.exists(kept, LinkOption.NOFOLLOW_LINKS)) {
            try {
                move(old, kept);
                return;
            } catch (IOException e) {
                // made meanwhile by another build: this one goes
            }
        }
        delete(old);
    }

    private static void move(Path from, Path to, CopyOption... more) throws IOException {
        CopyOption[] atomic = Arrays.copyOf(more, more.length + 1);
        atomic[more.length] = StandardCopyOption.ATOMIC_MOVE;
        try {
            Files.move(from, to, atomic);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, more);
        }
    }

    /**
     * Replaces one file of an output in place of the whole ({@code serve}'s rebuilds): the bytes are written beside
     * it and moved over it, so a reader never sees the file half-written, and a file that is also a name of another
     * (the kept output's, see above) is replaced, never written through.
     */
    public static void replaceFile(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path fresh = Files.createTempFile(file.getParent(), ".bpacat-", ".tmp");
        try {
            Files.write(fresh, bytes);
            move(fresh, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(fresh);
        }
    }

    /**
     * Deletes a folder tree; missing is fine. Links are deleted, not followed. The folder's entries are deleted in
     * parallel, each tree by one thread (the file system waits on its journal as much as it works: two at once
     * take less time than one after the other).
     */
    public static void delete(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(dir);
            return;
        }
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.toList();
        }
        try {
            entries.parallelStream().forEach(entry -> {
                try {
                    deleteTree(entry);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.delete(dir);
    }

    private static void deleteTree(Path tree) throws IOException {
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
