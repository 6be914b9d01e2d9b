package io.bpacat.check;

import io.bpacat.diag.Diagnostic;
import io.bpacat.diag.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a checker's examples: each example inventory goes through the same normalization as a real one, and
 * every expected outcome must match. Used by the test suite and by {@code bpacat validate --examples}.
 */
public final class ExampleRunner {
    /** One expectation that did not hold (or an example inventory that did not load). */
    public record Mismatch(String checker, int line, String example, String object, String expected,
                           String actual) {
        @Override
        public String toString() {
            return checker + ":" + line + ": example \"" + example + "\": " + object + ": expected " + expected
                    + ", got " + actual;
        }
    }

    private final InventoryNormalizer normalizer;
    private final CheckerEngine engine;

    public ExampleRunner(InventoryNormalizer normalizer, CheckerEngine engine) {
        this.normalizer = normalizer;
        this.engine = engine;
    }

    public ExampleRunner() {
        this(new InventoryNormalizer(), new CheckerEngine());
    }

    public List<Mismatch> run(Checker c) {
        List<Mismatch> out = new ArrayList<>();
        for (Checker.Example ex : c.examples()) {
            Diagnostics diags = new Diagnostics();
            String file = c.file() + "#" + ex.name();
            Optional<Inventory> inv = normalizer.normalize(new InventoryReader.Raw(file, ex.inventory(), "yaml",
                    null), diags);
            List<Diagnostic> errors = diags.sorted().stream().filter(d -> d.level() != Diagnostic.Level.INFO).toList();
            if (inv.isEmpty() || !errors.isEmpty()) {
                out.add(new Mismatch(c.file(), ex.line(), ex.name(), "(inventory)", "a clean example inventory",
                        errors.isEmpty() ? "nothing" : errors.get(0).message()));
                continue;
            }
            Map<String, Finding> byObject = new LinkedHashMap<>();
            for (Finding f : engine.run(c, inv.get())) {
                byObject.putIfAbsent(f.object(), f);
            }
            ex.expect().forEach((object, expected) -> {
                Finding f = byObject.get(object);
                String actual = f == null ? "no result (objects: " + byObject.keySet() + ")" : f.outcome().label()
                        + (f.message().isEmpty() ? "" : " (" + f.message() + ")");
                if (f == null || f.outcome() != expected) {
                    out.add(new Mismatch(c.file(), ex.line(), ex.name(), object, expected.label(), actual));
                }
            });
        }
        return out;
    }
}
