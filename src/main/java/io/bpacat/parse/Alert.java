package io.bpacat.parse;

/**
 * A DocFX alert ({@code > [!NOTE]}).
 *
 * @param type upper-case alert type: NOTE, TIP, IMPORTANT, CAUTION, WARNING
 * @param line 1-based file line
 */
public record Alert(String type, int line) {
}
