package io.bpacat.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.bpacat.TestPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Black-box tests of the command line: arguments in, exit code, stdout and stderr out. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void lintOnCleanContentExitsZero() {
        Run r = run("lint", "--content", TestPaths.fixture("locales").toString(), "--strict");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("1 rules"), r.out());
        assertTrue(r.out().contains("5 locales"), r.out());
    }

    @Test
    void lintPrintsDiagnosticsCompilerStyleAndExitsOneOnErrors() {
        Run r = run("lint", "--content", TestPaths.fixture("malformed-yaml").toString());
        assertEquals(1, r.code());
        assertTrue(r.out().matches("(?s).*en-us/bad\\.md:\\d+:\\d+: error\\[BPA012\\]: malformed YAML.*"), r.out());
        assertTrue(r.out().contains("while parsing a flow sequence (opened on line 4): expected ','"), r.out());
        assertTrue(r.out().contains("\n    ms.date: 11/26/2026\n           ^"), "source line and caret: " + r.out());
        assertTrue(r.out().contains("1 errors"), r.out());
    }

    @Test
    void strictFailsOnWarnings() {
        String dir = TestPaths.fixture("no-front-matter").toString();
        assertEquals(0, run("lint", "--content", dir).code());
        assertEquals(1, run("lint", "--content", dir, "--strict").code());
    }

    @Test
    void missingContentFolderIsAUsageError() {
        Run r = run("lint", "--content", tmp.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("content folder not found"), r.err());
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertEquals(2, run("lint", "--no-such-option").code());
    }

    @Test
    void helpListsExitCodes() {
        Run r = run("lint", "--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes"), r.out());
    }

    @Test
    void buildWritesASchemaValidCatalogDeterministically() throws Exception {
        Path corpus = TestPaths.corpus();
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertEquals(0, run("build", "--content", corpus.toString(), "--out", a.toString()).code());
        assertEquals(0, run("build", "--content", corpus.toString(), "--out", b.toString()).code());
        byte[] first = Files.readAllBytes(a.resolve("catalog.json"));
        assertArrayEquals(first, Files.readAllBytes(b.resolve("catalog.json")), "two builds, same bytes");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(Path.of("schemas/catalog.schema.json")));
        JsonNode json = new ObjectMapper().readTree(first);
        Set<ValidationMessage> errors = schema.validate(json);
        assertEquals(Set.of(), errors);
        assertEquals(191, json.get("rules").size());
        assertFalse(new String(first, java.nio.charset.StandardCharsets.UTF_8).contains(corpus.toAbsolutePath().toString()),
                "no machine paths in the output");
    }

    @Test
    void failedBuildLeavesThePreviousOutputInPlace() throws Exception {
        Path out = tmp.resolve("out");
        assertEquals(0, run("build", "--content", TestPaths.fixture("locales").toString(), "--out", out.toString()).code());
        byte[] before = Files.readAllBytes(out.resolve("catalog.json"));
        Run r = run("build", "--content", tmp.resolve("missing").toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("catalog.json")));
        try (var s = Files.list(tmp)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().startsWith(".out")).count(),
                    "no temporary folder left behind");
        }
    }
}
