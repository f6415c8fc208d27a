package dev.caregap.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What a zip archive holds, told from its table of contents before anything is unpacked: an .xlsx workbook, or
 * something else, named so that the reason it is rejected with says what the file is and what caregap reads.
 */
final class ZipContents {

    private static final int NAMES_SHOWN = 3;

    private ZipContents() {
    }

    /** Passes a workbook of at most {@code limits.parts()} parts; rejects anything else, saying what it is. */
    static void checkWorkbook(Path file, String fileName, WorkbookLimits limits) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.getEntry("xl/workbook.xml") != null) {
                if (zip.size() > limits.parts()) {
                    throw WorkbookTooLarge.rejection(fileName, "it has " + WorkbookTooLarge.count(zip.size()) + " parts",
                            WorkbookTooLarge.count(limits.parts()) + " parts", WorkbookTooLarge.count(zip.size()) + " zip entries");
                }
                return;
            }
            String other = otherDocument(zip);
            if (other != null) {
                throw new ExportRejectedException("The file is " + other + ", not a survey export: " + ExportFile.READS + ".",
                        "file " + fileName + ": no xl/workbook.xml part");
            }
            List<String> names = firstNames(zip);
            boolean exports = names.stream().map(n -> n.toLowerCase(Locale.ROOT))
                    .anyMatch(n -> n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt") || n.endsWith(".xlsx"));
            throw new ExportRejectedException("The file is a zip archive that holds no workbook: " + ExportFile.READS + "."
                    + (exports ? " Unzip it and drop the export inside." : ""),
                    "file " + fileName + ": " + WorkbookTooLarge.count(zip.size()) + (zip.size() == 1 ? " entry" : " entries")
                            + (names.isEmpty() ? "" : ", such as " + String.join(", ", names)));
        } catch (IOException e) {
            throw new ExportRejectedException("The file is a zip archive that cannot be opened, damaged or cut short: "
                    + ExportFile.READS + " (an .xlsx workbook is a zip archive: if this is one, save or download it again).",
                    "file " + fileName + ": " + e.getMessage(), e);
        }
    }

    /** Office and OpenDocument files are zip archives too; people drop them by mistake. */
    private static String otherDocument(ZipFile zip) throws IOException {
        if (zip.getEntry("xl/workbook.bin") != null) {
            return "an Excel binary workbook (.xlsb)";
        }
        if (zip.getEntry("word/document.xml") != null) {
            return "a Word document (.docx)";
        }
        if (zip.getEntry("ppt/presentation.xml") != null) {
            return "a PowerPoint presentation (.pptx)";
        }
        ZipEntry mimetype = zip.getEntry("mimetype");
        if (mimetype != null) {
            try (InputStream in = zip.getInputStream(mimetype)) {
                String type = new String(in.readNBytes(100), StandardCharsets.US_ASCII);
                if (type.startsWith("application/vnd.oasis.opendocument.spreadsheet")) {
                    return "an OpenDocument spreadsheet (.ods)";
                }
                if (type.startsWith("application/vnd.oasis.opendocument")) {
                    return "an OpenDocument file";
                }
            }
        }
        return null;
    }

    private static List<String> firstNames(ZipFile zip) {
        List<String> names = new ArrayList<>(NAMES_SHOWN);
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements() && names.size() < NAMES_SHOWN) {
            ZipEntry entry = entries.nextElement();
            if (!entry.isDirectory()) {
                names.add(MessageText.printable(entry.getName()));
            }
        }
        return names;
    }
}
