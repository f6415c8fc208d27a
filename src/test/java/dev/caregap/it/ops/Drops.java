package dev.caregap.it.ops;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** What the operations tests drop into a service's inbox, and read back from its result files. */
final class Drops {

    static final Path PROJECT = Path.of("").toAbsolutePath();
    static final Path SAMPLE = PROJECT.resolve("sample-input");

    private Drops() {
    }

    /** The five sample exports, each moved in under its name with a .done marker, so each is read at the next poll. */
    static void sample(Path inbox) throws IOException {
        try (Stream<Path> files = Files.list(SAMPLE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).sorted().toList()) {
                drop(file, inbox, file.getFileName().toString());
            }
        }
    }

    /** Copies a file in under a temporary name, renames it into place, then marks it complete. */
    static void drop(Path file, Path inbox, String name) throws IOException {
        Path partial = inbox.resolve(name + ".partial");
        Files.copy(file, partial, StandardCopyOption.REPLACE_EXISTING);
        Files.move(partial, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        Files.writeString(inbox.resolve(name + ".done"), "");
    }

    /** The percent column of the total row of each figure in a run folder's figures.csv, read as a person would. */
    static Map<String, Double> totals(Path figuresCsv) {
        Map<String, Double> totals = new LinkedHashMap<>();
        try (Reader in = new InputStreamReader(BOMInputStream.builder().setPath(figuresCsv).get(), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (row.get("breakdown").equals("total") && !row.get("percent").isEmpty()) {
                    totals.putIfAbsent(row.get("figure"), Double.parseDouble(row.get("percent")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return totals;
    }

    /**
     * The percent of the total row of each figure in a run folder's figures.csv, keyed as the Study MBean names it: the
     * figure, and for each row of a figure of several, "figure: answer", "figure: question" and "figure: question
     * answer" all.
     */
    static Map<String, Double> totalRows(Path figuresCsv) {
        Map<String, List<CSVRecord>> byFigure = new LinkedHashMap<>();
        try (Reader in = new InputStreamReader(BOMInputStream.builder().setPath(figuresCsv).get(), StandardCharsets.UTF_8)) {
            for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
                if (row.get("breakdown").equals("total") && !row.get("percent").isEmpty()) {
                    byFigure.computeIfAbsent(row.get("figure"), f -> new java.util.ArrayList<>()).add(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Double> totals = new LinkedHashMap<>();
        byFigure.forEach((figure, rows) -> rows.forEach(row -> {
            double percent = Double.parseDouble(row.get("percent"));
            if (rows.size() == 1) {
                totals.put(figure, percent);
            } else {
                totals.put(figure + ": " + row.get("answer"), percent);
                totals.put(figure + ": " + row.get("question"), percent);
                totals.put(figure + ": " + row.get("question") + " " + row.get("answer"), percent);
            }
        }));
        return totals;
    }

    /** Free ports for the service (taken by nothing else at the moment they are handed out). */
    static List<Integer> freePorts(int count) {
        List<ServerSocket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // only a probe
                }
            }
        }
    }
}
