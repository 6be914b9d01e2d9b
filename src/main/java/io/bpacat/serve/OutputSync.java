package io.bpacat.serve;

import io.bpacat.render.OutputFolder;
import io.bpacat.render.SiteFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Brings an output folder from one build to the next by writing only the files that changed, each replaced whole
 * ({@link OutputFolder#replaceFile}: never written through a name it shares with the output the build kept).
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
                OutputFolder.replaceFile(out.resolve(path), now);
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
