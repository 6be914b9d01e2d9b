package io.bpacat.serve;

import io.bpacat.render.SiteFiles;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * Brings an output folder from one build to the next by writing only the files that changed. A changed file is
 * written beside its old one and moved over it: a reader never sees it half-written, and a file of the output that
 * is also a name of another file (the build keeps unchanged files as second names of the output it replaced, which
 * it keeps beside) is replaced, never written through.
 */
final class OutputSync {
    private OutputSync() {
    }

    /** @return the number of files written or deleted */
    static int apply(Path out, SiteFiles before, SiteFiles after) throws IOException {
        int n = 0;
        for (String path : after.paths()) {
            byte[] now = after.get(path);
            if (!Arrays.equals(before.get(path), now)) {
                Path p = out.resolve(path);
                Files.createDirectories(p.getParent());
                Path fresh = Files.createTempFile(p.getParent(), ".bpacat-", ".tmp");
                try {
                    Files.write(fresh, now);
                    move(fresh, p);
                } finally {
                    Files.deleteIfExists(fresh);
                }
                n++;
            }
        }
        for (String path : before.paths()) {
            if (!after.contains(path)) {
                Files.deleteIfExists(out.resolve(path));
                n++;
            }
        }
        return n;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
