package io.bpacat.check.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bpacat.check.Finding;
import io.bpacat.check.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SARIF output is the same bytes on every run: every object's keys in a fixed order. */
class SarifTest {
    private static List<String> keys(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Regression: these objects were built with Map.of, whose iteration order changes between JVM runs. */
    @Test
    void logicalLocationsAndSuppressionsKeepTheirKeyOrder() throws Exception {
        Finding f = new Finding("r1", "checkers/x.yaml", "VM", "web01", Outcome.NONCOMPLIANT, "paused", "Resume-VM",
                List.of(), "host.json", "on purpose");
        Report r = new Report(List.of("host.json"), List.of(f),
                Map.of("r1", new RuleInfo("r1", "Title", "warning", "operations", "rules/r1/")));
        JsonNode result = new ObjectMapper().readTree(Sarif.write(r)).at("/runs/0/results/0");
        assertEquals(List.of("name", "kind", "fullyQualifiedName"),
                keys(result.at("/locations/0/logicalLocations/0")));
        assertEquals(List.of("kind", "justification"), keys(result.at("/suppressions/0")));
    }
}
