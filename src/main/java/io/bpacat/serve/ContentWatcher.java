package io.bpacat.serve;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Watches folders (and every folder below them) and a few single files for changes. {@link #next} waits for a
 * change and returns once no further change came for a short quiet time, so one save is one rebuild.
 */
public final class ContentWatcher implements AutoCloseable {
    private static final long QUIET_MS = 10;

    private final WatchService watch = FileSystems.getDefault().newWatchService();
    private final Map<WatchKey, Path> dirs = new HashMap<>();

    public ContentWatcher(List<Path> roots) throws IOException {
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                registerTree(root);
            } else if (root.toAbsolutePath().getParent() != null && Files.isDirectory(root.toAbsolutePath().getParent())) {
                register(root.toAbsolutePath().getParent());
            }
        }
    }

    private void registerTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path d : (Iterable<Path>) walk.filter(Files::isDirectory)::iterator) {
                if (!d.getFileName().toString().startsWith(".") || d.equals(root)) {
                    register(d);
                }
            }
        }
    }

    private void register(Path dir) throws IOException {
        dirs.put(dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE), dir);
    }

    /** Waits for changes; returns the changed paths once things are quiet. */
    public List<Path> next() throws InterruptedException, IOException {
        java.util.SortedSet<Path> changed = new java.util.TreeSet<>();
        WatchKey key = watch.take();
        do {
            Path dir = dirs.get(key);
            for (WatchEvent<?> e : key.pollEvents()) {
                if (e.context() instanceof Path p && dir != null) {
                    Path full = dir.resolve(p);
                    changed.add(full);
                    if (e.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(full)) {
                        registerTree(full);
                    }
                }
            }
            key.reset();
            key = watch.poll(QUIET_MS, TimeUnit.MILLISECONDS);
        } while (key != null);
        return List.copyOf(changed);
    }

    @Override
    public void close() throws IOException {
        watch.close();
    }
}
