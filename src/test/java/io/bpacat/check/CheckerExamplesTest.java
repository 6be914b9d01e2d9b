package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.diag.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every example of every checker in content/checkers runs, and gives the outcomes it expects. */
class CheckerExamplesTest {
    static final Path CONTENT = Path.of("content");

    static List<Checker> checkers() {
        Diagnostics diags = new Diagnostics();
        List<Checker> all = new CheckerLoader().loadAll(CONTENT, diags);
        assertEquals(List.of(), diags.sorted(), "checker files load without diagnostics");
        return all;
    }

    @Test
    void everyCheckerFileLoadsWithoutDiagnostics() {
        assertTrue(checkers().size() >= 1);
    }

    @TestFactory
    Stream<DynamicTest> examples() {
        ExampleRunner runner = new ExampleRunner();
        return checkers().stream().map(c -> DynamicTest.dynamicTest(c.file(), () ->
                assertEquals(List.of(), runner.run(c), "examples of " + c.file())));
    }
}
