package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bpacat.diag.Diagnostics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Objects of a collection are normalized in parallel: the objects, the fields left out of each and the diagnostics
 * must be those of normalizing one object after the other, whatever thread got which object.
 */
class ParallelNormalizationTest {
    private static final int VMS = 3000;
    private static final int NOT_AN_OBJECT = 1234;

    @Test
    void manyObjectsKeepTheirOrderTheirLeftOutFieldsAndOneWarningPerUnknownValue() {
        StringBuilder json = new StringBuilder("{\"VM\": [");
        for (int i = 0; i < VMS; i++) {
            json.append(i == 0 ? "" : ",");
            if (i == NOT_AN_OBJECT) {
                json.append("\"x\"");
                continue;
            }
            Object state = i % 500 == 7 ? String.valueOf(90 + i % 3) : i % 3 == 0 ? "\"Running\"" : "2";
            String drives = i % 4 == 1 ? "\"Microsoft.HyperV.PowerShell.HardDiskDrive[]\"" : "[]";
            json.append("{\"Name\": \"vm").append(i).append("\", \"State\": ").append(state)
                    .append(", \"HardDrives\": ").append(drives).append('}');
        }
        json.append("]}");
        for (int round = 0; round < 3; round++) {
            Diagnostics d = new Diagnostics();
            Inventory inv = HostileInventoryTest.load("many.json", json.toString().getBytes(StandardCharsets.UTF_8), d)
                    .orElseThrow();
            List<Map<String, Object>> vms = inv.objects("VM");
            assertEquals(VMS - 1, vms.size());
            int leftOut = 0;
            for (int k = 0; k < vms.size(); k++) {
                int i = k < NOT_AN_OBJECT ? k : k + 1;
                assertEquals("vm" + i, vms.get(k).get("Name"));
                Object state = i % 500 == 7 ? (Object) (long) (90 + i % 3) : "Running";
                assertEquals(state, vms.get(k).get("State"), "vm" + i);
                assertEquals(i % 4 == 1, inv.leftOut(vms.get(k)).containsKey("HardDrives"), "vm" + i);
                leftOut += inv.leftOut(vms.get(k)).size();
            }
            List<String> expected = new ArrayList<>();
            expected.add("INV014 VM[1234] is not an object but the string \"x\"; it is skipped");
            for (int v = 90; v <= 92; v++) {
                expected.add("INV015 VM.State: " + v + " is not a known VMState value; kept as written");
            }
            expected.add("INV016 VM.HardDrives left out of " + leftOut + " objects: collapsed to the string"
                    + " \"Microsoft.HyperV.PowerShell.HardDiskDrive[]\" (collect with ConvertTo-Json -Depth 4 or"
                    + " more)");
            assertEquals(expected, d.sorted().stream().map(x -> x.code() + " " + x.message()).toList());
        }
    }
}
