package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.TestPaths;
import io.bpacat.diag.Diagnostic;
import io.bpacat.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real cmdlet output samples in ../shared/reference/inventory-samples load, and the rules that can use them evaluate. */
class InventorySamplesTest {
    record Loaded(Inventory inventory, List<Diagnostic> problems) {
    }

    static Loaded load(String name) throws Exception {
        Path p = TestPaths.shared().resolve("reference/inventory-samples").resolve(name);
        Diagnostics d = new Diagnostics();
        Inventory inv = new InventoryReader().read(name, Files.readAllBytes(p), d)
                .flatMap(r -> new InventoryNormalizer().normalize(r, d)).orElseThrow();
        return new Loaded(inv, d.sorted().stream().filter(x -> x.level() != Diagnostic.Level.INFO).toList());
    }

    @Test
    void switchSampleLoadsAndSwitchRulesEvaluate() throws Exception {
        Loaded l = load("terraform-provider-hyperv_Get-VMSwitch.json");
        assertEquals(List.of(), l.problems());
        Map<String, Object> sw = l.inventory().objects("VMSwitch").get(0);
        assertEquals("External", sw.get("SwitchType"));
        assertEquals("Absolute", sw.get("BandwidthReservationMode"));
        List<Finding> f = run(l.inventory(), "checkers/team-one-interface.yaml");
        assertEquals(Outcome.CANNOT_EVALUATE, f.get(0).outcome(), "NIC teams were not collected: " + f);
        f = run(l.inventory(), "checkers/sriov-virtual-function-count.yaml");
        assertEquals(Outcome.CANNOT_EVALUATE, f.get(0).outcome());
        assertEquals("the inventory lacks VM (Get-VM), VMNetworkAdapter (Get-VMNetworkAdapter -All)",
                f.get(0).message());
    }

    @Test
    void hardDiskDriveSampleLoadsWithItsFieldNamesCanonicalized() throws Exception {
        Loaded l = load("terraform-provider-hyperv_Get-VMHardDiskDrive.json");
        assertEquals(List.of(), l.problems());
        Map<String, Object> hd = l.inventory().objects("VMHardDiskDrive").get(0);
        assertEquals("IDE", hd.get("ControllerType"));
        assertEquals(0L, hd.get("MaximumIOPS"), "MaximumIops as written by Select-Object");
    }

    @Test
    void scsiControllerSampleFromWindowsPowerShellLoadsAndTheHotPlugRuleEvaluates() throws Exception {
        Loaded l = load("vagrant_Get-VMScsiController.ps51.json");
        assertEquals(List.of(), l.problems());
        Map<String, Object> c = l.inventory().objects("VMScsiController").get(0);
        assertEquals("SCSI", ((Map<?, ?>) ((List<?>) c.get("Drives")).get(0)).get("ControllerType"));
        String json = "{\"VM\": [{\"Name\": \"project_default_1744059721263_2993\","
                + " \"Id\": \"6f225311-b793-49cf-98a3-0a32108e49bb\"}], \"VMScsiController\": "
                + Files.readString(TestPaths.shared().resolve(
                "reference/inventory-samples/vagrant_Get-VMScsiController.ps51.json")) + "}";
        Diagnostics d = new Diagnostics();
        Inventory inv = new InventoryReader().read("merged.json", json.getBytes(), d)
                .flatMap(r -> new InventoryNormalizer().normalize(r, d)).orElseThrow();
        List<Finding> f = run(inv, "checkers/scsi-controller-for-hot-plug.yaml");
        assertEquals(Outcome.COMPLIANT, f.get(0).outcome(), f.toString());
        assertFalse(f.isEmpty());
    }

    static List<Finding> run(Inventory inv, String checker) {
        Checker c = CheckerExamplesTest.checkers().stream().filter(x -> x.file().equals(checker)).findFirst()
                .orElseThrow();
        return new CheckerEngine().run(c, inv);
    }
}
