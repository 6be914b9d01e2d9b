package io.bpacat.source;

/**
 * A page as found on disk, not yet decoded.
 *
 * @param path        path relative to the content folder, forward slashes ({@code it-it/x.md})
 * @param localeDir   the locale-named folder it sits in ({@code it-it}), or empty when the page sits outside one
 * @param localPath   path relative to that locale folder ({@code x.md}); equals {@code path} without one
 * @param bytes       the raw content
 */
public record SourceFile(String path, String localeDir, String localPath, byte[] bytes) {
}
