package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dashjoin.jsonata.Jsonata;
import io.bpacat.diag.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The memo must never change a result: it only skips evaluations whose answer it already knows. */
class ExpressionMemoTest {
    private static ExpressionMemo memo(String source) {
        Jsonata expr = Jsonata.jsonata(source);
        expr.setValidateInput(false); // as the checker loader compiles them; validation reads the whole input
        return new ExpressionMemo(source, (input, related) -> {
            Jsonata.Frame f = expr.createFrame();
            f.bind("related", related);
            return expr.evaluate(input, f);
        }, true);
    }

    private static Map<String, Object> vm(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void objectsThatLookAlikeToTheExpressionShareOneEvaluation() {
        ExpressionMemo m = memo("$substring($related.VMGuest[0].OSVersion, 0, 5) = '10.0.' and Dynamic = false");
        List<Object> results = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Object> guest = vm("VMName", "vm" + i, "OSVersion", i % 2 == 0 ? "10.0.17763" : "6.3.9600");
            results.add(m.evaluate(vm("Name", "vm" + i, "Dynamic", i % 4 < 2 ? false : true),
                    vm("VMGuest", List.of(guest))));
        }
        for (int i = 0; i < 100; i++) {
            assertEquals(i % 2 == 0 && i % 4 < 2, results.get(i), "vm" + i);
        }
        assertTrue(m.evaluations() <= 4, "evaluations: " + m.evaluations());
    }

    @Test
    void anEvaluationToldNotToRecordGivesTheSameResultAndLeavesTheMemoAsItWas() {
        ExpressionMemo m = memo("Size > 10");
        assertEquals(true, m.evaluate(vm("Size", 20L), Map.of(), false));
        assertEquals(1, m.evaluations());
        assertEquals(true, m.evaluate(vm("Size", 20L), Map.of()));
        assertEquals(2, m.evaluations(), "nothing was remembered");
        assertEquals(true, m.evaluate(vm("Name", "other", "Size", 20L), Map.of(), false));
        assertEquals(2, m.evaluations(), "remembered by the recording evaluation");
    }

    @Test
    void numbersOfDifferentTypesAndMapsInDifferentKeyOrderAreNotConfused() {
        ExpressionMemo m = memo("$type(X) & ':' & $string(X) & ':' & $keys($)[0]");
        assertEquals("number:1:X", m.evaluate(vm("X", 1L, "Y", 2L), Map.of()));
        assertEquals("number:1.5:X", m.evaluate(vm("X", 1.5, "Y", 2L), Map.of()));
        assertEquals("number:1:Y", m.evaluate(vm("Y", 2L, "X", 1L), Map.of()));
        assertEquals("string:1:X", m.evaluate(vm("X", "1", "Y", 2L), Map.of()));
        assertEquals("number:1:X", m.evaluate(vm("X", 1L, "Y", 2L), Map.of()));
    }

    @Test
    void absentNullAndPresentFieldsAreTellApart() {
        ExpressionMemo m = memo("$exists(A) ? (A = null ? 'null' : 'value') : 'absent'");
        assertEquals("absent", m.evaluate(vm("B", 1L), Map.of()));
        assertEquals("null", m.evaluate(vm("A", null), Map.of()));
        assertEquals("value", m.evaluate(vm("A", 1L), Map.of()));
        assertEquals("absent", m.evaluate(vm("C", 1L), Map.of()));
    }

    @Test
    void listsAreComparedBySizeAndElements() {
        ExpressionMemo m = memo("$count(Disks[Size > 10])");
        assertEquals(1, ((Number) m.evaluate(vm("Disks", List.of(vm("Size", 20L))), Map.of())).intValue());
        assertEquals(2, ((Number) m.evaluate(vm("Disks", List.of(vm("Size", 20L), vm("Size", 30L))), Map.of()))
                .intValue());
        assertEquals(0, ((Number) m.evaluate(vm("Disks", List.of(vm("Size", 5L))), Map.of())).intValue());
        assertEquals(1, ((Number) m.evaluate(vm("Disks", List.of(vm("Size", 20L))), Map.of())).intValue());
    }

    @Test
    void errorsAreThoseOfAPlainEvaluationAndAreNotRemembered() {
        ExpressionMemo m = memo("A + 1");
        assertEquals(2, ((Number) m.evaluate(vm("A", 1L), Map.of())).intValue());
        assertThrows(RuntimeException.class, () -> m.evaluate(vm("A", "x"), Map.of()));
        assertThrows(RuntimeException.class, () -> m.evaluate(vm("A", "x"), Map.of()));
        assertEquals(2, ((Number) m.evaluate(vm("A", 1L), Map.of())).intValue());
    }

    @Test
    void timeDependentExpressionsAreNeverMemoized() {
        ExpressionMemo m = memo("$millis() > 0");
        for (int i = 0; i < 5; i++) {
            m.evaluate(vm("A", 1L), Map.of());
        }
        assertEquals(5, m.evaluations());
    }

    @Test
    void everyCheckerExampleGivesTheSameFindingsWithAndWithoutTheMemo() {
        CheckerEngine plain = new CheckerEngine(CheckerEngine.Limits.DEFAULT, CheckerEngine::defaultRuleId, false);
        CheckerEngine memoized = new CheckerEngine(CheckerEngine.Limits.DEFAULT, CheckerEngine::defaultRuleId, true);
        int compared = 0;
        for (Checker c : CheckerExamplesTest.checkers()) {
            for (Checker.Example ex : c.examples()) {
                Optional<Inventory> inv = new InventoryNormalizer().normalize(
                        new InventoryReader.Raw(ex.name(), ex.inventory(), "yaml", null), new Diagnostics());
                if (inv.isPresent()) {
                    assertEquals(plain.run(c, inv.get()), memoized.run(c, inv.get()), c.file() + ": " + ex.name());
                    compared++;
                }
            }
        }
        assertTrue(compared > 100, "examples compared: " + compared);
    }

    /** All examples of a checker in one inventory, three times over, so that many objects look alike. */
    @Test
    void mergedAndRepeatedExamplesGiveTheSameFindingsWithAndWithoutTheMemo() {
        CheckerEngine plain = new CheckerEngine(CheckerEngine.Limits.DEFAULT, CheckerEngine::defaultRuleId, false);
        CheckerEngine memoized = new CheckerEngine(CheckerEngine.Limits.DEFAULT, CheckerEngine::defaultRuleId, true);
        for (Checker c : CheckerExamplesTest.checkers()) {
            Map<String, Object> merged = new LinkedHashMap<>();
            for (int copy = 0; copy < 3; copy++) {
                for (Checker.Example ex : c.examples()) {
                    ex.inventory().forEach((k, v) -> {
                        if (v instanceof List<?> l) {
                            @SuppressWarnings("unchecked")
                            List<Object> into = (List<Object>) merged.computeIfAbsent(k, x -> new ArrayList<>());
                            into.addAll(l);
                        } else {
                            merged.putIfAbsent(k, v);
                        }
                    });
                }
            }
            Inventory inv = new InventoryNormalizer().normalize(new InventoryReader.Raw("merged", merged, "yaml",
                    null), new Diagnostics()).orElseThrow();
            List<Finding> expected = plain.run(c, inv);
            assertEquals(expected, memoized.run(c, inv), c.file());
        }
    }
}
