package io.bpacat.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bpacat.diag.Diagnostic;
import io.bpacat.diag.Diagnostics;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * JSON inventories in UTF-8 are parsed from their bytes, others from the decoded text: both give the same values,
 * and an unreadable file the same error, with its column counted in characters.
 */
class InventoryReaderTest {
    private static byte[] bytes(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String p : parts) {
            out.writeBytes(p.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private static String errors(Diagnostics d) {
        return String.join("\n", d.sorted().stream().filter(x -> x.level() == Diagnostic.Level.ERROR)
                .map(x -> x.line() + ":" + x.column() + " " + x.code() + " " + x.message()).toList());
    }

    @Test
    void bytesAndTextGiveTheSameValues() throws Exception {
        String json = "{\"VM\": [{\"Name\": \"web\u00e9\u4e2d\uD83D\uDE00 \\\"q\\\" \\u00e8\", \"State\": 2,"
                + " \"Big\": 123456789012345678901234567890, \"Neg\": -9223372036854775808, \"F\": 1.50e3,"
                + " \"Tiny\": 4.9e-324, \"T\": true, \"N\": null, \"__proto__\": {\"a\": [[], {}, [1, \"x\"]]}}],"
                + "\n \"VMHost\": {\"Name\": \"h\"}}";
        byte[] b = bytes(json);
        TreeReader reader = new TreeReader(64, false);
        Object fromText = reader.readJson(json).value();
        assertEquals(fromText, reader.readJson(b, 0, b.length).value());
        Diagnostics d = new Diagnostics();
        assertEquals(fromText, new InventoryReader().read("x.json", bytes("\uFEFF", json), d).orElseThrow().value());
        assertEquals("", errors(d));
    }

    /** The byte parser counts columns in bytes: the error comes from reading the text again. */
    @Test
    void anErrorAfterNonAsciiTextNamesTheColumnInCharacters() {
        Diagnostics d = new Diagnostics();
        assertTrue(new InventoryReader().read("col.json", bytes("{\"VMHost\": {\"Name\": \"h\u00e9\u00e9\uD83D\uDE00\","
                + " x}}"), d).isEmpty());
        assertTrue(errors(d).startsWith("1:30 INV003 cannot read the JSON: Unexpected character ('x' (code 120))"),
                errors(d));
    }

    /**
     * Jackson's byte parser reads a leading zero byte as a sign of UTF-16 or UTF-32, and skips a second byte order
     * mark: such UTF-8 is read as text, which refuses it as it always did.
     */
    @Test
    void zeroBytesAndASecondByteOrderMarkAreRefusedAsBefore() {
        assertEquals(-1, InventoryReader.utf8Start(bytes("\u0000{\u0000}")));
        assertEquals(-1, InventoryReader.utf8Start(bytes("\uFEFF\uFEFF{}")));
        assertEquals(-1, InventoryReader.utf8Start(bytes("{}\u0000")));
        assertEquals(3, InventoryReader.utf8Start(bytes("\uFEFF{\"VM\": []}")));
        assertEquals(0, InventoryReader.utf8Start(bytes(" \n{\"VM\": []}")));
        for (byte[] b : List.of(bytes("\u0000{\u0000}"), bytes("\uFEFF\uFEFF{\"VMHost\": {\"Name\": \"h\"}}"))) {
            Diagnostics d = new Diagnostics();
            assertTrue(new InventoryReader().read("odd.json", b, d).isEmpty());
            assertTrue(errors(d).contains("INV003 cannot read the JSON: "), errors(d));
        }
    }

    @Test
    void utf16IsReadAsText() {
        String json = "{\"VMHost\": {\"Name\": \"h\u00e9\"}}";
        byte[] le = json.getBytes(StandardCharsets.UTF_16LE);
        byte[] b = new byte[le.length + 2];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xFE;
        System.arraycopy(le, 0, b, 2, le.length);
        Diagnostics d = new Diagnostics();
        Object v = new InventoryReader().read("u16.json", b, d).orElseThrow().value();
        assertEquals("h\u00e9", ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) v).get("VMHost")).get("Name"));
    }
}
