package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpacat.TestPaths;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every field a checker reads exists in the Hyper-V module's types (../shared/reference/hyperv-module-types.md)
 * or is documented in the inventory model as coming from another named command.
 */
class CheckerFieldsTest {
    static final Set<String> TIMESPAN = Set.of("Ticks", "Days", "Hours", "Minutes", "Seconds", "Milliseconds",
            "TotalDays", "TotalHours", "TotalMinutes", "TotalSeconds", "TotalMilliseconds");

    @Test
    void everyFieldReadIsAKnownField() throws Exception {
        String ref = Files.readString(TestPaths.shared().resolve("reference/hyperv-module-types.md"));
        Map<String, Map<String, String>> reference = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^- \\*\\*(\\w+)\\*\\*: (.*)$").matcher(ref);
        while (m.find()) {
            Map<String, String> fields = new HashMap<>();
            Matcher f = Pattern.compile("(\\w+) \\(([^()]*(?:\\([^()]*\\))?[^()]*)\\)").matcher(m.group(2));
            while (f.find()) {
                fields.put(f.group(1), f.group(2));
            }
            reference.put(m.group(1), fields);
        }
        InventoryModel model = InventoryModel.standard();
        List<String> unknown = new ArrayList<>();
        for (Checker c : CheckerExamplesTest.checkers()) {
            c.reads().forEach((collection, fields) -> {
                InventoryModel.Collection col = model.collection(collection).orElseThrow();
                for (String path : fields) {
                    if (!known(reference, model, col, path)) {
                        unknown.add(c.file() + ": " + collection + "." + path);
                    }
                }
            });
        }
        assertEquals(List.of(), unknown);
    }

    private static boolean known(Map<String, Map<String, String>> reference, InventoryModel model,
                                 InventoryModel.Collection col, String path) {
        String[] parts = path.split("\\.");
        String type = col.type();
        boolean fromReference = reference.containsKey(type);
        for (int i = 0; i < parts.length; i++) {
            final String t = type;
            String kind = model.fields(type).get(parts[i]);
            boolean ok = fromReference ? reference.get(type).containsKey(parts[i])
                    || (i == 0 && col.addedFields().containsKey(parts[i]))
                    : kind != null && model.collections().values().stream().anyMatch(x -> x.type().equals(t)
                    && !x.command().startsWith("Get-VM"));
            if (!ok) {
                return false;
            }
            if (i + 1 < parts.length) {
                if ("timespan".equals(kind)) {
                    return i + 2 == parts.length && TIMESPAN.contains(parts[i + 1]);
                }
                if (kind == null || !kind.replace("[]", "").startsWith("type:")) {
                    return false;
                }
                type = kind.replace("[]", "").substring(5);
                fromReference = reference.containsKey(type);
            }
        }
        return true;
    }
}
