package io.bpacat.parse;

import java.util.Locale;
import java.util.regex.Pattern;

/** GitHub-style heading slugs: lower case, punctuation dropped, each space a hyphen. */
public final class Slugs {
    private static final Pattern DROP = Pattern.compile("[^\\p{L}\\p{N}\\p{M} _-]");

    private Slugs() {
    }

    public static String github(String heading) {
        String s = heading.strip().toLowerCase(Locale.ROOT);
        s = DROP.matcher(s).replaceAll("");
        return s.replace(' ', '-');
    }
}
