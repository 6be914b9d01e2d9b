package io.bpacat.check;

import io.bpacat.diag.Diagnostics;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * First half of reading an inventory: bytes to a plain value tree. Decodes UTF-8 (with or without BOM) and the
 * UTF-16 that Windows PowerShell 5.1 writes with {@code >}; detects JSON, YAML or CSV; enforces the size and
 * depth limits. Every failure is one error diagnostic naming the file and, where known, the line.
 */
public final class InventoryReader {
    /** Limits on one inventory file. */
    public record Limits(long maxBytes, int maxDepth) {
        public static final Limits DEFAULT = new Limits(64L * 1024 * 1024, 64);
    }

    /**
     * What was read: the value tree, the format, and the .NET type a CSV {@code #TYPE} line names.
     *
     * @param owned whether the tree was built by {@link TreeReader} for this read alone and nothing else refers to it
     *              or to a part of it (JSON has no aliases), so that normalizing may change it instead of copying it;
     *              such a tree holds only the plain values TreeReader makes
     */
    public record Raw(String file, Object value, String format, String csvType, boolean owned) {
        /** A tree that others may still see: normalizing copies it. */
        public Raw(String file, Object value, String format, String csvType) {
            this(file, value, format, csvType, false);
        }
    }

    private final Limits limits;

    public InventoryReader(Limits limits) {
        this.limits = limits;
    }

    public InventoryReader() {
        this(Limits.DEFAULT);
    }

    public Optional<Raw> read(String file, byte[] bytes, Diagnostics diags) {
        if (bytes.length > limits.maxBytes()) {
            diags.error(file, 0, 0, "INV001", String.format(Locale.ROOT,
                    "inventory is %.1f MB; the limit is %.1f MB", bytes.length / 1048576.0,
                    limits.maxBytes() / 1048576.0), "collect fewer objects per file, or raise --max-size");
            return Optional.empty();
        }
        Optional<String> text = decode(file, bytes, diags);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String s = text.get();
        if (s.isBlank()) {
            diags.error(file, 0, 0, "INV002", "the inventory file is empty",
                    "run the collector again: collect/Get-BpacatInventory.ps1");
            return Optional.empty();
        }
        String format = format(file, s);
        try {
            TreeReader reader = new TreeReader(limits.maxDepth(), false);
            return switch (format) {
                case "csv" -> {
                    CsvReader.Table t = CsvReader.read(s);
                    yield Optional.of(new Raw(file, t.rows(), format, t.type()));
                }
                case "yaml" -> Optional.of(new Raw(file, reader.readYaml(s).value(), format, null));
                default -> Optional.of(new Raw(file, readJson(reader, bytes, s), format, null, true));
            };
        } catch (TreeReader.ReadException e) {
            diags.error(file, e.line(), e.column(), "INV003", "cannot read the " + format.toUpperCase(Locale.ROOT)
                    + ": " + e.getMessage(), hint(format));
            return Optional.empty();
        }
    }

    /**
     * JSON from the bytes when they are UTF-8 (no decoded copy of a large file goes through the parser), else from
     * the text; a file that cannot be read is read again as text, whose error names the column in characters.
     */
    private static Object readJson(TreeReader reader, byte[] bytes, String text) throws TreeReader.ReadException {
        int start = utf8Start(bytes);
        if (start < 0) {
            return reader.readJson(text).value();
        }
        try {
            return reader.readJson(bytes, start, bytes.length - start).value();
        } catch (TreeReader.ReadException e) {
            return reader.readJson(text).value();
        }
    }

    /**
     * Where the UTF-8 text of {@code b} starts (after a byte order mark), or -1 when the bytes are to be read as
     * text: UTF-16, or text that starts with a character Jackson's byte parser takes for a mark of another encoding
     * (a zero byte in the first four, a second byte order mark), where reading the text fails.
     */
    static int utf8Start(byte[] b) {
        if (utf16Le(b) || utf16Be(b)) {
            return -1;
        }
        int start = utf8BomLength(b);
        if (start == b.length || b[start] < 0) {
            return -1;
        }
        for (int i = start; i < Math.min(b.length, start + 4); i++) {
            if (b[i] == 0) {
                return -1;
            }
        }
        return start;
    }

    private static String hint(String format) {
        return switch (format) {
            case "csv" -> "write the file with Export-Csv -NoTypeInformation or as JSON with ConvertTo-Json";
            case "yaml" -> "fix the YAML at that line, or give the inventory as JSON";
            default -> "write the inventory with ConvertTo-Json -Depth 4, or run collect/Get-BpacatInventory.ps1";
        };
    }

    /** JSON for .json, YAML for .yaml/.yml, CSV for .csv; otherwise guessed from the first character. */
    static String format(String file, String text) {
        String lower = file.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".json")) {
            return "json";
        }
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return "yaml";
        }
        if (lower.endsWith(".csv")) {
            return "csv";
        }
        String t = text.stripLeading();
        if (t.startsWith("{") || t.startsWith("[")) {
            return "json";
        }
        if (t.startsWith("#TYPE") || t.startsWith("\"")) {
            return "csv";
        }
        return "yaml";
    }

    private static Optional<String> decode(String file, byte[] b, Diagnostics diags) {
        if (utf16Le(b)) {
            return Optional.of(new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE));
        }
        if (utf16Be(b)) {
            return Optional.of(new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE));
        }
        int start = utf8BomLength(b);
        // The JDK's own decoding is several times faster than a CharsetDecoder and writes U+FFFD for every
        // malformed sequence; text without U+FFFD was valid. Text with it is decoded again, strictly, below.
        String fast = new String(b, start, b.length - start, StandardCharsets.UTF_8);
        if (fast.indexOf('\uFFFD') < 0) {
            return Optional.of(fast);
        }
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return Optional.of(dec.decode(ByteBuffer.wrap(b, start, b.length - start)).toString());
        } catch (CharacterCodingException e) {
            int bad = firstInvalid(b, start);
            int line = 1;
            for (int i = start; i < bad; i++) {
                if (b[i] == '\n') {
                    line++;
                }
            }
            diags.error(file, line, 0, "INV004", String.format(Locale.ROOT,
                    "invalid UTF-8 at byte %d (0x%02X)", bad, b[bad] & 0xFF),
                    "save the file as UTF-8 (PowerShell 7 does by default; in Windows PowerShell 5.1 use"
                            + " Out-File -Encoding utf8)");
            return Optional.empty();
        }
    }

    private static boolean utf16Le(byte[] b) {
        return b.length >= 2 && b[0] == (byte) 0xFF && b[1] == (byte) 0xFE;
    }

    private static boolean utf16Be(byte[] b) {
        return b.length >= 2 && b[0] == (byte) 0xFE && b[1] == (byte) 0xFF;
    }

    /** 3 when the bytes start with the UTF-8 byte order mark, else 0. */
    private static int utf8BomLength(byte[] b) {
        return b.length >= 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF ? 3 : 0;
    }

    /** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
    private static int firstInvalid(byte[] b, int from) {
        int i = from;
        while (i < b.length) {
            int c = b[i] & 0xFF;
            int n = c < 0x80 ? 0 : c >= 0xC2 && c < 0xE0 ? 1 : c >= 0xE0 && c < 0xF0 ? 2 : c >= 0xF0 && c < 0xF5 ? 3 : -1;
            if (n < 0 || i + n >= b.length + (n == 0 ? 1 : 0) && n > 0) {
                return i;
            }
            for (int k = 1; k <= n; k++) {
                if (i + k >= b.length || (b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += n + 1;
        }
        return Math.min(from, b.length - 1);
    }
}
