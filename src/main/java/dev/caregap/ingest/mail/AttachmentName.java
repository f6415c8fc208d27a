package dev.caregap.ingest.mail;

import dev.caregap.ingest.IntakeText;

import java.util.Locale;
import java.util.Set;

/**
 * The name an attachment (or an archive entry) came under, checked before anything is saved: a name that would
 * leave its folder (a path, {@code ..}), a hidden file, or one with control characters is refused with a reason,
 * and so is one caregap does not read. A name that passes is safe as a file name in the staging folder.
 *
 * @param shown  the name as a log line or receipt shows it (control characters escaped)
 * @param kind   what it is by its extension
 * @param refusal why it is refused, or null
 */
public record AttachmentName(String shown, Kind kind, String refusal) {

    /** What an attachment is, by its name. */
    public enum Kind { EXPORT, ARCHIVE, NESTED_ARCHIVE, OTHER }

    static final Set<String> EXPORTS = Set.of("csv", "tsv", "txt", "xlsx");
    private static final Set<String> ARCHIVES = Set.of("zip", "gz", "tgz", "7z", "rar", "tar", "bz2", "xz", "jar");
    private static final int MAX_LENGTH = 200;

    public boolean refused() {
        return refusal != null;
    }

    /** Checks a name as mailed; {@code inArchive}: an entry of a zip archive, where folders in the name are fine. */
    public static AttachmentName of(String name, boolean inArchive) {
        if (name == null || name.isBlank()) {
            return new AttachmentName("(no name)", Kind.OTHER, "it has no name");
        }
        String shown = IntakeText.shown(name);
        if (!shown.equals(name)) {
            return new AttachmentName(shown, Kind.OTHER, "its name holds control characters");
        }
        String base = name;
        if (inArchive) {
            if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
                return new AttachmentName(shown, Kind.OTHER, "its name is an absolute path (path traversal)");
            }
            for (String segment : name.split("[/\\\\]")) {
                if (segment.equals("..")) {
                    return new AttachmentName(shown, Kind.OTHER, "its name leads out of its folder with '..' (path traversal)");
                }
                if (segment.startsWith(".") || segment.equals("__MACOSX")) {
                    return new AttachmentName(shown, Kind.OTHER, "it is a hidden file");
                }
            }
            base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        } else if (name.contains("/") || name.contains("\\") || name.contains("..")) {
            return new AttachmentName(shown, Kind.OTHER, "its name is a path, not a file name (path traversal)");
        }
        if (base.startsWith(".")) {
            return new AttachmentName(shown, Kind.OTHER, "it is a hidden file");
        }
        if (base.length() > MAX_LENGTH || base.isBlank()) {
            return new AttachmentName(shown, Kind.OTHER, "its name is empty or longer than " + MAX_LENGTH + " characters");
        }
        int dot = base.lastIndexOf('.');
        String extension = dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (EXPORTS.contains(extension)) {
            return new AttachmentName(shown, Kind.EXPORT, null);
        }
        if (ARCHIVES.contains(extension)) {
            if (inArchive) {
                return new AttachmentName(shown, Kind.NESTED_ARCHIVE, "it is an archive inside an archive, which is not opened");
            }
            return extension.equals("zip") ? new AttachmentName(shown, Kind.ARCHIVE, null)
                    : new AttachmentName(shown, Kind.OTHER, "it is a ." + extension + " archive; caregap opens .zip archives only");
        }
        return new AttachmentName(shown, Kind.OTHER, "it is not a survey export: caregap reads .csv, .tsv, .txt and .xlsx"
                + " files, and .zip archives of those" + (extension.isEmpty() ? "" : " (this one is ." + extension + ")"));
    }

    /** The name's last part, as a file name in the staging folder. */
    public String fileName() {
        return shown.substring(Math.max(shown.lastIndexOf('/'), shown.lastIndexOf('\\')) + 1);
    }
}
