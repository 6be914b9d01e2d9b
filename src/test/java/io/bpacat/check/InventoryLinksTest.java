package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dashjoin.jsonata.Jsonata;

import io.bpacat.diag.Diagnostics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code $related}: which objects are linked to which, in which order, each once. Objects match by id; an object
 * with an id finds by name only objects that have no id; keys derived through another collection (a VHD inherits
 * the VM keys of the disk drives that use it) find everything with the key.
 */
class InventoryLinksTest {
    private static final String A = "00000000-0000-4000-8000-00000000000a";
    private static final String OTHER = "00000000-0000-4000-8000-0000000000ff";

    private static Inventory inventory(String json) {
        Diagnostics d = new Diagnostics();
        return new InventoryReader().read("i.json", json.getBytes(StandardCharsets.UTF_8), d)
                .flatMap(r -> new InventoryNormalizer().normalize(r, d)).orElseThrow();
    }

    private static final Inventory INV = inventory(("""
            {"VM": [{"Name": "web01", "Id": "%A"}, {"Name": "web02"}],
             "VMIntegrationService": [
               {"Name": "by id", "VMId": "%A", "VMName": "web01"},
               {"Name": "by name", "VMName": "WEB01"},
               {"Name": "other id", "VMId": "%O", "VMName": "web01"},
               {"Name": "web02 by name", "VMName": "web02"}],
             "VMSnapshot": [{"Name": "other vm's", "VMId": "%O", "VMName": "web01"}],
             "VMHardDiskDrive": [{"Name": "disk", "VMId": "%A", "VMName": "web01", "Path": "D:\\\\a.vhdx"}],
             "VHD": [{"Name": "vhd", "Path": "d:\\\\A.VHDX"}, {"Name": "unused", "Path": "d:\\\\b.vhdx"}]}""")
            .replace("%A", A).replace("%O", OTHER));

    /** The names of the related objects of the object {@code index} of a collection, by collection. */
    private static Map<String, Object> names(String collection, int index) {
        Map<String, Object> out = new LinkedHashMap<>();
        INV.related(INV.objects(collection).get(index)).forEach((c, v) -> out.put(c, c.equals(Inventory.ROOTS) ? v
                : ((List<?>) v).stream().map(o -> ((Map<?, ?>) o).get("Name")).toList()));
        return out;
    }

    @Test
    void anObjectWithAnIdFindsByNameOnlyObjectsWithoutAnId() {
        Map<String, Object> web01 = names("VM", 0);
        assertEquals(List.of("by id", "by name"), web01.get("VMIntegrationService"));
        // the snapshot has the VM's name but another VM's id: found by name only, then left out
        assertEquals(List.of(), web01.get("VMSnapshot"));
        assertEquals(List.of("disk"), web01.get("VMHardDiskDrive"));
        assertEquals(List.of("vhd"), web01.get("VHD"));
        // collections in the order of the inventory, as normalized
        assertEquals(List.of("VHD", "VMHardDiskDrive", "VMIntegrationService", "VMSnapshot", Inventory.ROOTS),
                List.copyOf(web01.keySet()));
    }

    @Test
    void anObjectWithoutAnIdFindsByName() {
        assertEquals(Map.of("VMIntegrationService", List.of("web02 by name")), names("VM", 1));
        Map<String, Object> byName = names("VMIntegrationService", 1);
        assertEquals(List.of("web01"), byName.get("VM"));
        assertEquals(List.of("other vm's"), byName.get("VMSnapshot"), "found by name: it has no id to compare");
        Map<String, Object> otherId = names("VMIntegrationService", 2);
        // another VM's id: by name, no VM and no disk (they have ids), an empty list where some had the name
        assertEquals(List.of("VMSnapshot", "VHD", "VM", "VMHardDiskDrive", Inventory.ROOTS),
                List.copyOf(otherId.keySet()));
        assertEquals(List.of(), otherId.get("VM"));
        assertEquals(List.of(), otherId.get("VMHardDiskDrive"));
        assertEquals(List.of("vhd"), otherId.get("VHD"), "a VHD has no VM id of its own");
    }

    @Test
    void derivedKeysFindEverythingWithTheKeyEachObjectOnce() {
        Map<String, Object> vhd = names("VHD", 0);
        assertEquals(List.of("disk"), vhd.get("VMHardDiskDrive"));
        assertEquals(List.of("web01"), vhd.get("VM"));
        // through the disk's VM id and VM name: the services of both keys, each once, in the order found
        assertEquals(List.of("by id", "by name", "other id"), vhd.get("VMIntegrationService"));
        assertEquals(List.of("other vm's"), vhd.get("VMSnapshot"));
        assertEquals(Map.of(Inventory.ROOTS, Map.of("Path", "d:")), names("VHD", 1));
    }

    @Test
    void relatedIsReadOnlyAndComputedOnce() {
        Map<String, Object> related = INV.related(INV.objects("VM").get(0));
        assertSame(related, INV.related("VM").get(0));
        assertThrows(UnsupportedOperationException.class, () -> related.put("x", List.of()));
        assertThrows(UnsupportedOperationException.class,
                () -> ((List<?>) related.get("VMIntegrationService")).clear());
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) related.get("VHD")).clear());
    }

    private static Checker checker(String scope, String compliant, Map<String, List<String>> reads,
                                   List<String> require) {
        return new Checker("checkers/t.yaml", "t", null, "t", scope, reads, require, null,
                new Checker.Expression(compliant, 1, Jsonata.jsonata(compliant)), Map.of(), "m", "", List.of());
    }

    private static List<Outcome> outcomes(Checker c, Inventory inv) {
        return new CheckerEngine(CheckerEngine.Limits.DEFAULT, CheckerEngine::defaultRuleId, true).run(c, inv)
                .stream().map(Finding::outcome).toList();
    }

    @Test
    void relatedIsComputedOnlyForCheckersThatCanSeeIt() {
        String json = """
                {"VM": [{"Name": "a", "Id": "%A"}, {"Name": "b"}],
                 "VMHardDiskDrive": [{"VMId": "%A", "Path": "D:\\\\a.vhdx"}]}""".replace("%A", A);
        Map<String, List<String>> vmName = Map.of("VM", List.of("Name"));
        Inventory plain = inventory(json);
        assertEquals(List.of(Outcome.COMPLIANT, Outcome.COMPLIANT), outcomes(checker("VM", "Name != ''", vmName,
                List.of()), plain));
        assertFalse(plain.relatedComputed("VM"), "no $related in any expression");
        for (Checker c : List.of(checker("VM", "$count($related.VMHardDiskDrive) = 1", vmName, List.of()),
                checker("VM", "$eval('$count($related.VMHardDiskDrive) = 1')", vmName, List.of()))) {
            Inventory inv = inventory(json);
            assertEquals(List.of(Outcome.COMPLIANT, Outcome.NONCOMPLIANT), outcomes(c, inv), c.compliant().source());
            assertTrue(inv.relatedComputed("VM"));
        }
        // through what the checker needs: a linked collection it reads (a's disk lacks the field), or one it
        // requires (b has no disk)
        Checker reads = checker("VM", "true", Map.of("VM", List.of("Name"), "VMHardDiskDrive",
                List.of("ControllerType")), List.of());
        Checker requires = checker("VM", "true", vmName, List.of("VMHardDiskDrive"));
        for (Checker c : List.of(reads, requires)) {
            Inventory inv = inventory(json);
            assertEquals(c == reads ? List.of(Outcome.CANNOT_EVALUATE, Outcome.COMPLIANT)
                    : List.of(Outcome.COMPLIANT, Outcome.CANNOT_EVALUATE), outcomes(c, inv));
            assertTrue(inv.relatedComputed("VM"));
        }
    }

    @Test
    void fieldsLackingInTheObjectOrItsRelatedObjectsAreNamedInOrder() {
        Inventory inv = inventory("""
                {"VM": [{"Name": "a", "Id": "%A", "State": 2}, {"Name": "b"}, {"Name": "c", "Id": "%O"}],
                 "VMHardDiskDrive": [{"VMId": "%A", "Path": "D:\\\\a.vhdx"},
                   {"VMId": "%O", "Path": "D:\\\\c.vhdx", "ControllerType": 0}]}"""
                .replace("%A", A).replace("%O", OTHER));
        Checker c = checker("VM", "true", Map.of("VM", List.of("Name", "State"), "VMHardDiskDrive",
                List.of("Path", "ControllerType")), List.of());
        List<Finding> f = new CheckerEngine(CheckerEngine.Limits.DEFAULT, CheckerEngine::defaultRuleId, true)
                .run(c, inv);
        assertEquals(List.of(Outcome.CANNOT_EVALUATE, Outcome.CANNOT_EVALUATE, Outcome.CANNOT_EVALUATE),
                f.stream().map(Finding::outcome).toList());
        assertEquals(List.of(List.of("VMHardDiskDrive.ControllerType"), List.of("VM.State"), List.of("VM.State")),
                f.stream().map(Finding::missing).toList());
    }

    /**
     * With thousands of keys (their groups are made immutable in parallel), every object still finds exactly the
     * objects with its key, in inventory order, by id and by name.
     */
    @Test
    void manyKeysEachFindTheirOwnObjectsInOrder() {
        StringBuilder vms = new StringBuilder();
        StringBuilder services = new StringBuilder();
        int n = 3000;
        for (int i = 0; i < n; i++) {
            String id = String.format("00000000-0000-4000-8000-%012d", i);
            vms.append(i == 0 ? "" : ",").append("{\"Name\": \"vm").append(i).append("\", \"Id\": \"").append(id)
                    .append("\"}");
            services.append(i == 0 ? "" : ",").append("{\"Name\": \"a").append(i).append("\", \"VMId\": \"")
                    .append(id).append("\"},{\"Name\": \"b").append(i).append("\", \"VMName\": \"VM").append(i)
                    .append("\"}");
        }
        Inventory inv = inventory("{\"VM\": [" + vms + "], \"VMIntegrationService\": [" + services + "]}");
        for (int i = 0; i < n; i++) {
            List<?> related = (List<?>) inv.related(inv.objects("VM").get(i)).get("VMIntegrationService");
            assertEquals(List.of("a" + i, "b" + i), related.stream().map(o -> ((Map<?, ?>) o).get("Name")).toList());
            List<?> back = (List<?>) inv.related(inv.objects("VMIntegrationService").get(2 * i + 1)).get("VM");
            assertEquals(List.of("vm" + i), back.stream().map(o -> ((Map<?, ?>) o).get("Name")).toList());
        }
    }
}
