package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dashjoin.jsonata.Jsonata;
import io.bpacat.diag.Diagnostics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code $related.roots}: checkers that compare paths by their drive or share read the root instead of the whole
 * path; the answers must be the ones the whole path gave, and objects on one drive or share must look alike to the
 * expression memo.
 */
class PathRootTest {
    /**
     * What the path checkers ask of a path: its first characters, and of a path that does not start with a drive the
     * server and share (the first two parts after the first two characters).
     */
    private static final String QUESTIONS = "[$substring($, 0, 1), $substring($, 1, 1), $uppercase($substring($, 0, 2)),"
            + " $substring($, 1, 1) = ':' ? 'drive' : [$split($substring($, 2), '\\\\')[0],"
            + " $split($substring($, 2), '\\\\')[1], $count($split($substring($, 2), '\\\\')) > 1]]";

    @Test
    void everyQuestionThePathCheckersAskHasTheSameAnswerForTheRoot() {
        Jsonata questions = Jsonata.jsonata(QUESTIONS);
        for (String p : List.of("D:\\VMs\\web01\\web01.vhdx", "d:\\vms", "D:", "D:relative", "C:\\", "\\\\fs01\\vms",
                "\\\\fs01\\vms\\web01\\disk.vhdx", "\\\\FS01\\VMs\\", "\\\\fs01", "\\\\fs01\\", "\\\\?\\C:\\VMs\\x",
                "VMs\\web01\\x", "ab", "a", "", "\\\\srv\\share\\a\\b\\c", "x:y:z", "\\\\\\\\")) {
            assertEquals(questions.evaluate(p), questions.evaluate(PathRoot.of(p)), p);
        }
    }

    @Test
    void theRootIsTheDriveOrTheShare() {
        assertEquals("D:", PathRoot.of("D:\\VMs\\web01"));
        assertEquals("d:", PathRoot.of("d:\\vms\\web01\\a.vhdx"));
        assertEquals("\\\\fs01\\vms", PathRoot.of("\\\\fs01\\vms\\web01\\a.vhdx"));
        assertEquals("\\\\fs01", PathRoot.of("\\\\fs01"));
        assertEquals("x", PathRoot.of("x"));
        assertEquals(5L, PathRoot.of(5L));
        assertEquals(null, PathRoot.of(null));
        // characters count in code points, as JSONata's $substring counts them in the browser
        assertEquals("\uD83D\uDE00:", PathRoot.of("\uD83D\uDE00:\\VMs"));
        assertEquals("\uD83D\uDE00\uD83D\uDE00a\\b", PathRoot.of("\uD83D\uDE00\uD83D\uDE00a\\b\\c"));
    }

    @Test
    void everyPathFieldOfTheModelIsATextFieldOfItsCollectionsType() {
        InventoryModel model = InventoryModel.standard();
        int declared = 0;
        for (InventoryModel.Collection c : model.collections().values()) {
            for (String f : c.pathFields()) {
                assertEquals("string", model.fields(c.type()).get(f), c.key() + "." + f);
                declared++;
            }
        }
        assertTrue(declared >= 4, "path fields declared: " + declared);
    }

    private static Inventory inventory(String json) {
        Diagnostics d = new Diagnostics();
        return new InventoryReader().read("i.json", json.getBytes(StandardCharsets.UTF_8), d)
                .flatMap(r -> new InventoryNormalizer().normalize(r, d)).orElseThrow();
    }

    @Test
    void relatedRootsHoldTheObjectsPathFieldsAndThoseOfItsLinkedObjectsInTheirOrder() {
        Inventory inv = inventory("""
                {"VM": [{"Name": "a", "Id": "00000000-0000-4000-8000-000000000001", "Path": "\\\\\\\\sofs\\\\vms\\\\a",
                         "SmartPagingFilePath": "D:\\\\paging"},
                        {"Name": "b", "Id": "00000000-0000-4000-8000-000000000002"}],
                 "VMHardDiskDrive": [
                   {"VMId": "00000000-0000-4000-8000-000000000001", "Path": "\\\\\\\\nas\\\\old\\\\a\\\\1.vhdx"},
                   {"VMId": "00000000-0000-4000-8000-000000000001"},
                   {"VMId": "00000000-0000-4000-8000-000000000001", "Path": "e:\\\\a\\\\2.vhdx"}],
                 "VMSwitch": [{"Name": "LAN"}]}""");
        List<Map<String, Object>> vms = inv.objects("VM");
        Map<?, ?> roots = (Map<?, ?>) inv.related(vms.get(0)).get(Inventory.ROOTS);
        assertEquals(List.of("Path", "SmartPagingFilePath", "VMHardDiskDrive"), List.copyOf(roots.keySet()));
        assertEquals("\\\\sofs\\vms", roots.get("Path"));
        assertEquals("D:", roots.get("SmartPagingFilePath"));
        assertEquals(List.of(Map.of("Path", "\\\\nas\\old"), Map.of(), Map.of("Path", "e:")),
                roots.get("VMHardDiskDrive"));
        assertEquals(Map.of(), inv.related(vms.get(1)), "no path field, no linked object");
        assertFalse(inv.related(inv.objects("VMSwitch").get(0)).containsKey(Inventory.ROOTS));
    }

    @Test
    void objectsOnOneShareLookAlikeToTheExpressionMemo() {
        StringBuilder vms = new StringBuilder();
        StringBuilder disks = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            String id = String.format("%08x-0000-4000-8000-000000000000", i);
            String share = i % 2 == 0 ? "\\\\\\\\sofs\\\\vms" : "D:";
            vms.append(i == 0 ? "" : ",").append("{\"Name\": \"vm").append(i).append("\", \"Id\": \"").append(id)
                    .append("\", \"Path\": \"").append(share).append("\\\\vm").append(i).append("\"}");
            disks.append(i == 0 ? "" : ",").append("{\"VMId\": \"").append(id).append("\", \"Path\": \"")
                    .append(share).append("\\\\vm").append(i).append("\\\\disk.vhdx\"}");
        }
        Inventory inv = inventory("{\"VM\": [" + vms + "], \"VMHardDiskDrive\": [" + disks + "]}");
        String applies = "$count($append($related.roots.Path, $related.roots.VMHardDiskDrive.Path)"
                + "[$substring($, 1, 1) != ':']) > 0";
        Jsonata expr = Jsonata.jsonata(applies);
        expr.setValidateInput(false); // as the checker loader compiles them
        ExpressionMemo memo = new ExpressionMemo(applies, (input, related) -> {
            Jsonata.Frame f = expr.createFrame();
            f.bind("related", related);
            return expr.evaluate(input, f);
        }, true);
        List<Object> results = new ArrayList<>();
        for (Map<String, Object> vm : inv.objects("VM")) {
            results.add(memo.evaluate(vm, inv.related(vm)));
        }
        for (int i = 0; i < results.size(); i++) {
            assertEquals(i % 2 == 0, results.get(i), "vm" + i);
        }
        assertTrue(memo.evaluations() <= 2, "evaluations: " + memo.evaluations());
    }
}
