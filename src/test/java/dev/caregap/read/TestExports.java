package dev.caregap.read;

import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Writes small exports for the tests and reads them back whole. */
final class TestExports {

    static final Study CARE_GAP = StudyDefinitions.read(Path.of("studies/care-gap.yaml"));
    static final ExportReader READER = new ExportReader(List.of(CARE_GAP));

    private TestExports() {
    }

    static Path write(Path dir, String name, String content) {
        return write(dir, name, content.getBytes(StandardCharsets.UTF_8));
    }

    static Path write(Path dir, String name, String content, Charset charset, byte... bom) {
        byte[] text = content.getBytes(charset);
        byte[] bytes = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, bytes, 0, bom.length);
        System.arraycopy(text, 0, bytes, bom.length, text.length);
        return write(dir, name, bytes);
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<RawResponse> readAll(Path file) {
        try (Export export = READER.open(file)) {
            List<RawResponse> responses = new ArrayList<>();
            export.forEachRemaining(responses::add);
            return responses;
        }
    }

    /** question id (and option, as "ID=option") -> value, for compact assertions. */
    static Map<String, String> cells(RawResponse response) {
        return response.cells().stream().collect(Collectors.toMap(
                c -> c.option() == null ? c.question() : c.question() + "=" + c.option(), RawCell::value,
                (a, b) -> a + "|" + b, java.util.LinkedHashMap::new));
    }

    /** One CSV line, every cell quoted (quotes doubled), ended by LF. */
    static String line(String... cells) {
        return java.util.Arrays.stream(cells).map(c -> "\"" + c.replace("\"", "\"\"") + "\"")
                .collect(Collectors.joining(",")) + "\n";
    }
}
