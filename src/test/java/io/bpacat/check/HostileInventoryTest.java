package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.diag.Diagnostic;
import io.bpacat.diag.Diagnostics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Hostile inventories and checkers: a clear error or a bounded time, never a hang, a crash or lost data. */
class HostileInventoryTest {
    static Optional<Inventory> load(String file, byte[] bytes, Diagnostics d) {
        return new InventoryReader().read(file, bytes, d).flatMap(r -> new InventoryNormalizer().normalize(r, d));
    }

    static String firstError(Diagnostics d) {
        return d.sorted().stream().filter(x -> x.level() == Diagnostic.Level.ERROR).map(x -> x.line() + ": "
                + x.code() + " " + x.message()).findFirst().orElse("none");
    }

    @Test
    void fileOverTheSizeLimitIsRefusedWithoutParsing() {
        byte[] big = new byte[100 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) ' ');
        Diagnostics d = new Diagnostics();
        assertTrue(load("big.json", big, d).isEmpty());
        assertTrue(firstError(d).contains("INV001 inventory is 100.0 MB; the limit is 64.0 MB"), firstError(d));
    }

    @Test
    void nestingHundredThousandDeepIsAnErrorNotAStackOverflow() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        for (String name : List.of("deep.json", "deep.yaml")) {
            Diagnostics d = new Diagnostics();
            assertTrue(load(name, deep.getBytes(StandardCharsets.UTF_8), d).isEmpty());
            assertTrue(firstError(d).contains("INV003") && firstError(d).contains("nested"), firstError(d));
        }
    }

    @Test
    void invalidUtf8NamesTheLine() {
        byte[] b = "{\n\"VM\": [\n{\"Name\": \"x\u00e9\"}]}".getBytes(StandardCharsets.UTF_8);
        byte[] bad = new byte[b.length];
        System.arraycopy(b, 0, bad, 0, b.length);
        bad[bad.length - 6] = (byte) 0xC3;
        bad[bad.length - 5] = (byte) 0x28;
        Diagnostics d = new Diagnostics();
        assertTrue(load("bad.json", bad, d).isEmpty());
        assertEquals("3: INV004 invalid UTF-8 at byte 21 (0xC3)", firstError(d));
    }

    /** The fast decoding (JDK, lenient) must accept and refuse exactly what the strict decoder does. */
    @Test
    void everyMalformedUtf8SequenceIsRefusedAndAWrittenReplacementCharacterIsKept() {
        byte[][] malformed = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82},
                {(byte) 0x80}, {(byte) 0xFF}, {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}};
        for (byte[] m : malformed) {
            byte[] head = "{\"VM\": [{\"Name\": \"".getBytes(StandardCharsets.UTF_8);
            byte[] tail = "\"}]}".getBytes(StandardCharsets.UTF_8);
            byte[] b = new byte[head.length + m.length + tail.length];
            System.arraycopy(head, 0, b, 0, head.length);
            System.arraycopy(m, 0, b, head.length, m.length);
            System.arraycopy(tail, 0, b, head.length + m.length, tail.length);
            Diagnostics d = new Diagnostics();
            assertTrue(load("bad.json", b, d).isEmpty(), java.util.Arrays.toString(m));
            assertTrue(firstError(d).startsWith("1: INV004 invalid UTF-8 at byte "), firstError(d));
        }
        Diagnostics d = new Diagnostics();
        String json = "\uFEFF{\"VM\": [{\"Name\": \"a\uFFFDb \uD83D\uDE00\"}]}";
        Inventory inv = load("ok.json", json.getBytes(StandardCharsets.UTF_8), d).orElseThrow();
        assertEquals("a\uFFFDb \uD83D\uDE00", inv.objects("VM").get(0).get("Name"));
    }

    @Test
    void protoAndConstructorKeysArePlainData() {
        String json = "{\"VM\": [{\"Name\": \"__proto__\", \"__proto__\": {\"State\": 9}, \"constructor\": 1,"
                + " \"State\": 2}]}";
        Diagnostics d = new Diagnostics();
        Inventory inv = load("proto.json", json.getBytes(StandardCharsets.UTF_8), d).orElseThrow();
        Map<String, Object> vm = inv.objects("VM").get(0);
        assertEquals("Running", vm.get("State"));
        assertEquals(Map.of("State", 9L), vm.get("__proto__"));
        assertEquals(1L, vm.get("constructor"));
    }

    @Test
    void nanInfinityAndDuplicateKeysAreErrorsWithTheirLine() {
        for (String[] c : new String[][] {{"{\"VM\": [{\"CPUUsage\": NaN}]}", "NaN"},
                {"{\"VM\": [{\"CPUUsage\": Infinity}]}", "NaN and Infinity"},
                {"VM:\n  - CPUUsage: .nan\n", "2: INV003 cannot read the YAML: Malformed numeric value '.nan'"},
                {"{\"VM\": [{\"Name\": \"a\",\n \"Name\": \"b\"}]}", "duplicate key \"Name\""}}) {
            Diagnostics d = new Diagnostics();
            String file = c[0].startsWith("{") ? "x.json" : "x.yaml";
            assertTrue(load(file, c[0].getBytes(StandardCharsets.UTF_8), d).isEmpty(), c[0]);
            assertTrue(firstError(d).contains(c[1]), firstError(d));
        }
    }

    @Test
    void expressionThatNeverEndsIsStoppedAndNamesTheChecker() {
        String checker = """
                rule: 930f927c-e414-4a36-9786-028941e886e4
                scope: VM
                reads: {VM: [Name]}
                compliant: |-
                  ($f := function($n) { $n < 0 ? 0 : $f($n + 1) }; $f(0) = 1)
                message: x
                remediation: x
                examples:
                  - inventory: {VM: [{Name: a}]}
                    expect: {a: compliant}
                  - inventory: {VM: [{Name: b}]}
                    expect: {b: noncompliant}
                """;
        Diagnostics d = new Diagnostics();
        Checker c = new CheckerLoader().load("checkers/runaway.yaml", checker, d).orElseThrow();
        Inventory inv = load("i.json", "{\"VM\": [{\"Name\": \"a\"}]}".getBytes(StandardCharsets.UTF_8), d)
                .orElseThrow();
        CheckerEngine engine = new CheckerEngine(new CheckerEngine.Limits(500, 200, 5_000),
                CheckerEngine::defaultRuleId);
        List<Finding> f = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> engine.run(c, inv));
        assertEquals(Outcome.ERROR, f.get(0).outcome());
        assertTrue(f.get(0).message().startsWith("checkers/runaway.yaml: compliant (line 4) failed"),
                f.get(0).message());
    }

    @Test
    void collapsedFieldMakesItsRulesCannotEvaluateNamingTheField() {
        String json = "{\"VMReplication\": {\"VMName\": \"a\", \"ReplicationMode\": 1,"
                + " \"ExcludedDisks\": \"Microsoft.HyperV.PowerShell.HardDiskDrive[]\"}}";
        Diagnostics d = new Diagnostics();
        Inventory inv = load("i.json", json.getBytes(StandardCharsets.UTF_8), d).orElseThrow();
        Checker c = CheckerExamplesTest.checkers().stream()
                .filter(x -> x.file().equals("checkers/replication-paging-disks-excluded.yaml")).findFirst()
                .orElseThrow();
        Finding f = new CheckerEngine().run(c, inv).get(0);
        assertEquals(Outcome.CANNOT_EVALUATE, f.outcome());
        assertTrue(f.missing().get(0).startsWith("VMReplication.ExcludedDisks (collapsed to the string"), f.missing()
                .toString());
    }
}
