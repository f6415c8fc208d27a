package dev.caregap.it;

import dev.caregap.sample.CareGapQuestionnaire;
import dev.caregap.sample.SyntheticExport;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drop of {@link SeveralInstancesIT}: many small Care Gap exports (Qualtrics, consumers and businesses) with
 * respondent ids distinct across files, a few copies of them under other names, and one big export. Written into a
 * staging folder, to be moved into the inbox all at once.
 */
final class SeveralInstancesExports {

    static final String BIG_FILE = "big-consumers.csv";
    /** Where the big file comes in the order the inbox takes the files. */
    static final int BIG_FILE_POSITION = 30;

    /** A file of the drop: its name, where it is staged, its content hash, and whether it copies another. */
    record Staged(String name, Path file, String hash, String copyOf) {
    }

    private final Path staging;
    private final List<Staged> distinct = new ArrayList<>();
    private final List<Staged> copies = new ArrayList<>();
    private List<Staged> dropOrder = List.of();

    private SeveralInstancesExports(Path staging) {
        this.staging = staging;
    }

    /**
     * @param smallFiles   distinct small exports, 20 to 79 respondents each, alternately consumers and businesses
     * @param copiesCount  copies of some of them under other names (some copied twice)
     * @param bigRespondents respondents of the one big consumer export
     */
    static SeveralInstancesExports write(Path staging, int smallFiles, int copiesCount, int bigRespondents) {
        SeveralInstancesExports drop = new SeveralInstancesExports(staging);
        for (int i = 0; i < smallFiles; i++) {
            String segment = i % 2 == 0 ? CareGapQuestionnaire.CONSUMER : CareGapQuestionnaire.BUSINESS;
            String name = String.format("export-%03d-%s.csv", i, segment);
            Path file = staging.resolve(name);
            SyntheticExport.writeQualtrics(file, segment, 20 + (i * 37L) % 60, 7_000L + i);
            distinctIds(file, String.format("f%03d", i));
            drop.distinct.add(new Staged(name, file, sha256(file), null));
        }
        // the big one keeps the generator's ids ("R_" and 15 characters), which no small file has any more
        Path big = staging.resolve(BIG_FILE);
        SyntheticExport.writeQualtrics(big, CareGapQuestionnaire.CONSUMER, bigRespondents, 424_242L);
        drop.distinct.add(new Staged(BIG_FILE, big, sha256(big), null));
        // copies of the first fifteen small files, five of them twice, under other names
        for (int i = 0; i < copiesCount; i++) {
            Staged original = drop.distinct.get((i * 7) % Math.min(15, smallFiles));
            String name = String.format("resent-%02d-%s", i, original.name());
            Path copy = staging.resolve(name);
            try {
                Files.copy(original.file(), copy);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            drop.copies.add(new Staged(name, copy, original.hash(), original.name()));
        }
        drop.setDropOrder();
        return drop;
    }

    /**
     * The inbox is read oldest first (by modification time), so the times say in which order the files are taken:
     * each copy right behind its original (so both are in flight at once, on different instances), and the big file
     * after the first few dozen small ones (so the others are busy when its reader is killed, and have work left).
     */
    private void setDropOrder() {
        List<Staged> order = new ArrayList<>();
        for (Staged file : distinct) {
            if (file.name().equals(BIG_FILE)) {
                continue;
            }
            order.add(file);
            copies.stream().filter(c -> c.copyOf().equals(file.name())).forEach(order::add);
        }
        order.add(Math.min(BIG_FILE_POSITION, order.size()), big());
        java.time.Instant first = java.time.Instant.now().minusSeconds(3600);
        try {
            for (int i = 0; i < order.size(); i++) {
                Files.setLastModifiedTime(order.get(i).file(), java.nio.file.attribute.FileTime.from(first.plusSeconds(i)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dropOrder = List.copyOf(order);
    }

    /** Every file of the drop, oldest first: the order the inbox takes them in. */
    List<Staged> dropOrder() {
        return dropOrder;
    }

    List<Staged> distinct() {
        return distinct;
    }

    List<Staged> copies() {
        return copies;
    }

    List<Staged> all() {
        List<Staged> all = new ArrayList<>(distinct);
        all.addAll(copies);
        return all;
    }

    Staged big() {
        return distinct.stream().filter(s -> s.name().equals(BIG_FILE)).findFirst().orElseThrow();
    }

    /** Content hash to how many files of the drop carry it. */
    Map<String, Integer> filesPerHash() {
        Map<String, Integer> files = new LinkedHashMap<>();
        all().forEach(s -> files.merge(s.hash(), 1, Integer::sum));
        return files;
    }

    Path staging() {
        return staging;
    }

    /**
     * The generator numbers respondents from 0 in every file, so two files would share ids (and become duplicates
     * of each other, settled by ingestion order). Prefix each id with the file's tag so no two files share one.
     */
    private static void distinctIds(Path file, String tag) {
        List<CSVRecord> records;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            records = CSVFormat.DEFAULT.parse(in).getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> header = new ArrayList<>(records.get(0).toList());
        header.set(0, stripBom(header.get(0)));
        int idColumn = header.indexOf("ResponseId");
        if (idColumn < 0) {
            throw new IllegalStateException("no ResponseId column in " + file + ": " + header);
        }
        CSVFormat format = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").setQuoteMode(QuoteMode.MINIMAL).get();
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(out, format)) {
            out.write('\uFEFF');
            printer.printRecord(header);
            for (int r = 1; r < records.size(); r++) {
                List<String> row = new ArrayList<>(records.get(r).toList());
                if (r >= 3) {  // Qualtrics: three header rows
                    String id = row.get(idColumn);
                    if (!id.startsWith("R_")) {
                        throw new IllegalStateException("unexpected response id " + id + " in " + file);
                    }
                    row.set(idColumn, "R_" + tag + id.substring(2));
                }
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String stripBom(String cell) {
        return cell.startsWith("\uFEFF") ? cell.substring(1) : cell;
    }

    static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
