package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.diag.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A JSON inventory just read is normalized in place (nothing else sees its tree); the result must be what
 * normalizing a copy gives: the same objects, fields left out, diagnostics and plainness, for every inventory the
 * tests hold and for one with keys spelled in another case, collapsed objects, enums as numbers, dates and spans.
 */
class InPlaceNormalizationTest {
    private static final String ODD = """
            {"CollectedAt": "/Date(1767225600000)/",
             "VMHost": {"ComputerName": "HV1", "memorycapacity": 8589934592, "Extra": {"a": [1, 2.0, {"b": 3}]}},
             "VM": [
              {"Name": "a", "State": 2, "VMId": "ABC", "Uptime": {"Ticks": 600000000},
               "HardDrives": "Microsoft.HyperV.PowerShell.HardDiskDrive[]", "CreationTime": "/Date(1700000000000)/",
               "Notes": {"x": {"y": [4, 5.5, null, true]}}, "MemoryStartup": "1024"},
              {"name": "b", "state": "Off", "ProcessorCount": 2.0, "NetworkAdapters": [{"Name": "n", "SwitchName": "s"}]},
              {"Name": "c", "State": 99, "DynamicMemoryEnabled": "True", "Version": {"Major": 9, "Minor": 0}},
              "not an object"
             ]}
            """;

    @Test
    void everyInventoryNormalizesInPlaceAsACopyWould() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("src/test/resources/parity", "src/test/resources/fixtures/validate")) {
            try (Stream<Path> s = Files.list(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
            }
        }
        assertTrue(files.size() >= 5, files.toString());
        for (Path p : files) {
            assertSameAsCopy(p.toString(), Files.readAllBytes(p));
        }
        assertSameAsCopy("odd.json", ODD.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theObjectsAreTheTreesOwnMapsWhenTheirKeysAreAsTheModelSpellsThem() {
        InventoryReader.Raw raw = new InventoryReader().read("odd.json", ODD.getBytes(StandardCharsets.UTF_8),
                new Diagnostics()).orElseThrow();
        List<?> vms = (List<?>) ((Map<?, ?>) raw.value()).get("VM");
        Inventory inv = new InventoryNormalizer().normalize(raw, new Diagnostics()).orElseThrow();
        assertSame(vms.get(0), inv.objects("VM").get(0));
        assertNotSame(vms.get(1), inv.objects("VM").get(1)); // "name" and "state": copied under the model's spelling
        assertEquals("b", inv.objects("VM").get(1).get("Name"));
    }

    private static void assertSameAsCopy(String name, byte[] bytes) {
        Diagnostics inPlaceDiags = new Diagnostics();
        InventoryReader.Raw raw = new InventoryReader().read(name, bytes, inPlaceDiags).orElseThrow();
        assertTrue(raw.owned(), name);
        Diagnostics copyDiags = new Diagnostics();
        InventoryReader.Raw again = new InventoryReader().read(name, bytes, copyDiags).orElseThrow();
        Inventory copied = new InventoryNormalizer().normalize(new InventoryReader.Raw(again.file(), again.value(),
                again.format(), again.csvType()), copyDiags).orElseThrow();
        Inventory inPlace = new InventoryNormalizer().normalize(raw, inPlaceDiags).orElseThrow();
        assertEquals(copied.collectionNames(), inPlace.collectionNames(), name);
        for (String c : copied.collectionNames()) {
            assertEquals(copied.objects(c), inPlace.objects(c), name + " " + c);
            for (int i = 0; i < copied.objects(c).size(); i++) {
                assertEquals(copied.leftOut(copied.objects(c).get(i)), inPlace.leftOut(inPlace.objects(c).get(i)),
                        name + " " + c + "[" + i + "]");
            }
        }
        assertEquals(copied.collectedAt(), inPlace.collectedAt(), name);
        assertEquals(copied.plainJson(), inPlace.plainJson(), name);
        assertEquals(copyDiags.sorted().stream().map(d -> d.code() + " " + d.message()).toList(),
                inPlaceDiags.sorted().stream().map(d -> d.code() + " " + d.message()).toList(), name);
    }
}
