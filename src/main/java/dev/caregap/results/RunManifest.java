package dev.caregap.results;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.caregap.quality.ExportQuality;
import dev.caregap.run.RunReport;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * run.json: what a run folder holds, for people and scripts checking it is complete and current: the run,
 * its status, when it was computed and written, and the exports it covers. It is the last file written into
 * the folder before the folder appears under its run name.
 */
final class RunManifest {

    static final String FILE = "run.json";

    private static final JsonFactory JSON = new JsonFactory();

    private RunManifest() {
    }

    static void write(Path file, RunReport report) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("study", report.study().id());
            json.writeStringField("run", report.name());
            json.writeNumberField("runId", report.runId());
            json.writeStringField("status", "complete");
            json.writeStringField("trigger", report.trigger());
            json.writeStringField("computedAt", report.finishedAt() == null ? null : report.finishedAt().toString());
            json.writeStringField("writtenAt", Instant.now().toString());
            json.writeNumberField("respondentsIncluded", report.respondentsIncluded());
            json.writeNumberField("exportsCovered", report.quality().size());
            json.writeArrayFieldStart("exports");
            for (ExportQuality export : report.quality()) {
                json.writeStartObject();
                json.writeNumberField("id", export.exportId());
                json.writeStringField("file", export.fileName());
                json.writeStringField("source", export.source());
                if (!export.provenance().isEmpty()) {
                    json.writeStringField("provenance", export.provenance());
                }
                json.writeStringField("receivedAt", export.receivedAt().toString());
                json.writeNumberField("rowsRead", export.rowsRead());
                json.writeNumberField("included", export.included());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
