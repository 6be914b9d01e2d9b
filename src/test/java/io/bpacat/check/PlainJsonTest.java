package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dashjoin.jsonata.Jsonata;
import io.bpacat.diag.Diagnostics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The normalizer finds, object by object, whether an inventory holds only values JSONata takes as input; when it
 * does not, every evaluation checks its input, and a checker reports an error on an object with a foreign value.
 */
class PlainJsonTest {
    @Test
    void anInventoryReadFromJsonIsPlain() {
        Inventory inv = HostileInventoryTest.load("i.json", ("{\"VM\": [{\"Name\": \"a\", \"Notes\": {\"x\": [1, 2.5,"
                + " true, null]}}, {\"Name\": \"b\", \"State\": 2}]}").getBytes(StandardCharsets.UTF_8),
                new Diagnostics()).orElseThrow();
        assertTrue(inv.plainJson());
    }

    @Test
    void aValueOfAnotherTypeInAnyObjectMakesItNotPlainAndItsCheckersFail() {
        List<Object> vms = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Map<String, Object> vm = new LinkedHashMap<>();
            vm.put("Name", "vm" + i);
            vm.put("Notes", i == 37 ? List.of(new StringBuilder("not JSON")) : "text");
            vms.add(vm);
        }
        Inventory inv = new InventoryNormalizer().normalize(new InventoryReader.Raw("odd.json", Map.of("VM", vms),
                "json", null), new Diagnostics()).orElseThrow();
        assertFalse(inv.plainJson());
        String compliant = "Name != ''";
        Checker c = new Checker("checkers/t.yaml", "t", null, "t", "VM", Map.of("VM", List.of("Name")), List.of(),
                null, new Checker.Expression(compliant, 1, Jsonata.jsonata(compliant)), Map.of(), "m", "", List.of());
        List<Finding> findings = new CheckerEngine().run(c, inv);
        assertEquals(50, findings.size());
        for (Finding f : findings) {
            assertEquals(f.object().equals("vm37") ? Outcome.ERROR : Outcome.COMPLIANT, f.outcome(), f.toString());
        }
    }
}
