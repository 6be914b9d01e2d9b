package io.bpacat.parse;

import java.util.List;

/**
 * The property table of a rule page, normalized.
 *
 * @param operatingSystems the operating systems named, in order
 * @param product          product or feature as written ({@code Hyper-V})
 * @param severity         {@code error}, {@code warning}, {@code information}, or null when unreadable
 * @param category         a category key such as {@code configuration}, or null when unreadable
 * @param line             1-based file line where the table starts
 */
public record Properties(List<String> operatingSystems, String product, String severity, String category, int line) {
    public Properties {
        operatingSystems = List.copyOf(operatingSystems);
    }
}
