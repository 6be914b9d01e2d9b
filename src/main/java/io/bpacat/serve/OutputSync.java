package io.bpacat.serve;

import io.bpacat.render.SiteFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Brings an output folder from one build to the next by writing only the files that changed. */
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
                Files.write(p, now);
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
}
