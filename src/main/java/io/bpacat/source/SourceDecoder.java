package io.bpacat.source;

import io.bpacat.diag.Diagnostics;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes a page to text: drops a UTF-8 BOM, folds CRLF and CR to LF, replaces invalid UTF-8 (with a warning at
 * the first bad byte) and refuses binary files and empty pages.
 */
public final class SourceDecoder {
    /** Pages larger than this are still read but flagged. */
    public static final int LARGE_PAGE_BYTES = 2 * 1024 * 1024;

    public Optional<SourceText> decode(SourceFile file, Diagnostics diags) {
        byte[] b = file.bytes();
        if (b.length == 0 || isBlank(b)) {
            diags.error(file.path(), 0, 0, "BPA001", "empty page: nothing to catalogue",
                    "write the page, or delete the file");
            return Optional.empty();
        }
        int nul = indexOf(b, (byte) 0);
        if (nul >= 0) {
            diags.error(file.path(), lineAt(b, nul), 0, "BPA002",
                    "binary file: a NUL byte at offset " + nul + ", not a Markdown page",
                    "remove the file from the content folder, or rename it to something other than .md");
            return Optional.empty();
        }
        int start = 0;
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            start = 3;
            diags.info(file.path(), 1, 1, "BPA003", "byte order mark at the start of the page was ignored",
                    "save the file as UTF-8 without BOM");
        }
        if (b.length > LARGE_PAGE_BYTES) {
            diags.warning(file.path(), 0, 0, "BPA005", String.format(java.util.Locale.ROOT,
                    "page is %.1f MB; rule pages are normally a few kilobytes", b.length / 1048576.0),
                    "check that the file is really a rule page");
        }
        String text = decodeUtf8(file, b, start, diags);
        if (text.indexOf('\r') >= 0) {
            text = text.replace("\r\n", "\n").replace('\r', '\n');
        }
        return Optional.of(new SourceText(file, text));
    }

    private static String decodeUtf8(SourceFile file, byte[] b, int start, Diagnostics diags) {
        CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, start, b.length - start);
        try {
            CharBuffer chars = strict.decode(in);
            return chars.toString();
        } catch (CharacterCodingException e) {
            int bad = firstInvalid(b, start);
            int line = lineAt(b, bad);
            diags.warning(file.path(), line, columnAt(b, bad), "BPA004",
                    "invalid UTF-8 at byte offset " + bad + "; bad bytes were replaced with U+FFFD",
                    "re-save the file as UTF-8");
            return new String(b, start, b.length - start, StandardCharsets.UTF_8);
        }
    }

    private static int firstInvalid(byte[] b, int start) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(b, start, b.length - start);
        CharBuffer out = CharBuffer.allocate(b.length);
        var result = d.decode(in, out, true);
        return result.isError() ? in.position() : start;
    }

    private static boolean isBlank(byte[] b) {
        for (byte x : b) {
            if (x != ' ' && x != '\n' && x != '\r' && x != '\t') {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, byte x) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static int lineAt(byte[] b, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < b.length; i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int columnAt(byte[] b, int offset) {
        int col = 1;
        for (int i = offset - 1; i >= 0 && b[i] != '\n'; i--) {
            col++;
        }
        return col;
    }
}
