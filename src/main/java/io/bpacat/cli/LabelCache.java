package io.bpacat.cli;

import io.bpacat.check.RuleLabels;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps the {@link RuleLabels} of a content folder between runs of {@code bpacat validate}, so that validating with
 * unchanged content does not build the catalog (every rule page parsed) again: on the 10,000-VM bench that is about
 * a tenth of the command's time. One file per content folder in the cache folder. Its labels are used only when its
 * key is the folder's key now: a SHA-256 of bpacat's own code (its jar's name, size and time) and of every file of
 * the content folder (relative path and bytes; hidden folders apart, as the catalog and the checker loader skip
 * them), so any edited, added or removed file makes validate build the catalog again and keep the new labels. The
 * cache only saves time: a cache file that cannot be read, is damaged or cannot be written is passed over.
 */
final class LabelCache {
    /** Changes when the cache file's layout or the labels' meaning changes. */
    private static final String FORMAT = "bpacat-labels 1";

    private final Path dir;
    private final String code;

    private LabelCache(Path dir, String code) {
        this.dir = dir;
        this.code = code;
    }

    /** A cache in {@code dir}; empty when bpacat's own code cannot be told apart (then nothing is kept). */
    static Optional<LabelCache> in(Path dir) {
        return codeIdentity().map(code -> new LabelCache(dir, code));
    }

    /**
     * The cache folder: the system property {@code bpacat.cache.dir} (tests), else {@code BPACAT_CACHE_DIR}, else
     * {@code $XDG_CACHE_HOME/bpacat}, else {@code ~/.cache/bpacat}; empty (nothing kept) when there is no home
     * folder to keep it in.
     */
    static Optional<Path> defaultDir() {
        return defaultDir(System.getProperty("bpacat.cache.dir", System.getenv("BPACAT_CACHE_DIR")),
                System.getenv("XDG_CACHE_HOME"), System.getProperty("user.home"));
    }

    /**
     * {@link #defaultDir()} from its inputs. As the XDG base directory specification says, a relative
     * {@code XDG_CACHE_HOME} is ignored; a home that is not an absolute existing folder (a service account's "?" or
     * "/nonexistent") gives no cache rather than a folder made where bpacat happens to run.
     */
    static Optional<Path> defaultDir(String explicit, String xdgCacheHome, String home) {
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit));
        }
        if (xdgCacheHome != null && !xdgCacheHome.isBlank() && Path.of(xdgCacheHome).isAbsolute()) {
            return Optional.of(Path.of(xdgCacheHome, "bpacat"));
        }
        if (home == null || home.isBlank() || !Path.of(home).isAbsolute() || !Files.isDirectory(Path.of(home))) {
            return Optional.empty();
        }
        return Optional.of(Path.of(home, ".cache", "bpacat"));
    }

    /** The key of {@code content}'s labels as the folder is now. */
    String key(Path content) throws IOException {
        MessageDigest d = sha256();
        d.update((FORMAT + '\n' + code + '\n').getBytes(StandardCharsets.UTF_8));
        for (Path rel : files(content)) {
            byte[] bytes = Files.readAllBytes(content.resolve(rel));
            d.update((rel.toString().replace('\\', '/') + '\n' + bytes.length + '\n').getBytes(StandardCharsets.UTF_8));
            d.update(bytes);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    /** The labels kept for {@code content} under {@code key}; empty when there are none, or others, or damaged ones. */
    Optional<RuleLabels> read(Path content, String key) {
        Path file = fileOf(content);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            String head = FORMAT + ' ' + key + '\n';
            return text.startsWith(head) ? RuleLabels.fromJson(text.substring(head.length())) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable or not text: built again and replaced
        }
    }

    /** Keeps {@code labels} for {@code content} under {@code key}, replacing the file at once (never half-written). */
    void write(Path content, String key, RuleLabels labels) {
        Path file = fileOf(content);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, FORMAT + ' ' + key + '\n' + labels.toJson(), StandardCharsets.UTF_8);
            move(tmp, file);
            tmp = null;
        } catch (IOException e) {
            // a read-only or full cache folder: the next run builds the catalog again
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // left for the next write to replace
                }
            }
        }
    }

    /** The cache file of a content folder: named after its absolute path. */
    Path fileOf(Path content) {
        String where = content.toAbsolutePath().normalize().toString();
        String name = HexFormat.of().formatHex(sha256().digest(where.getBytes(StandardCharsets.UTF_8)), 0, 16);
        return dir.resolve(name + ".labels");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Every regular file below {@code content} outside hidden folders, relative to it, sorted. */
    private static List<Path> files(Path content) throws IOException {
        try (Stream<Path> walk = Files.walk(content)) {
            return walk.filter(Files::isRegularFile).map(content::relativize).filter(LabelCache::visible).sorted()
                    .toList();
        }
    }

    private static boolean visible(Path rel) {
        for (Path part : rel) {
            if (part.toString().startsWith(".")) {
                return false;
            }
        }
        return true;
    }

    /**
     * bpacat's own code: its jar's name, size and time, or for a folder of classes (a development build) the newest
     * time and the number of its files; empty when the code's location is unknown.
     */
    private static Optional<String> codeIdentity() {
        try {
            var source = LabelCache.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path p = Path.of(source.getLocation().toURI());
            if (Files.isRegularFile(p)) {
                return Optional.of(p.getFileName() + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis());
            }
            try (Stream<Path> walk = Files.walk(p)) {
                List<Path> files = walk.filter(Files::isRegularFile).toList();
                long newest = 0;
                for (Path f : files) {
                    newest = Math.max(newest, Files.getLastModifiedTime(f).toMillis());
                }
                return Optional.of(p + " " + files.size() + " " + newest);
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
