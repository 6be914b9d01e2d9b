package io.bpacat;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where tests find the shared test data; tests that need it skip with a message when it is absent. */
public final class TestPaths {
    private TestPaths() {
    }

    /** The real corpus (../shared/corpus), or the test is skipped saying why. */
    public static Path corpus() {
        Path p = Path.of(System.getProperty("bpacat.corpus", "../shared/corpus"));
        assumeTrue(Files.isDirectory(p.resolve("en-us")),
                "real corpus not found at " + p + " (../shared/corpus): corpus tests skipped");
        return p;
    }

    /** The shared folder (../shared), or the test is skipped saying why. */
    public static Path shared() {
        Path p = Path.of(System.getProperty("bpacat.shared", "../shared"));
        assumeTrue(Files.isDirectory(p), "shared folder not found at " + p + ": test skipped");
        return p;
    }

    /** A fixture folder under src/test/resources/fixtures. */
    public static Path fixture(String name) {
        return Path.of("src/test/resources/fixtures", name);
    }
}
