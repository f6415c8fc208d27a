package dev.caregap.study;

import java.util.regex.Pattern;

/**
 * The rule for names that become folders of the results (a study's id, a run's name): one plain name, no
 * path, so that no name reaches outside the results folder or is refused by a file system.
 */
public final class FolderName {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private FolderName() {
    }

    public static boolean fits(String name) {
        return name != null && PLAIN.matcher(name).matches() && !name.contains("..");
    }
}
