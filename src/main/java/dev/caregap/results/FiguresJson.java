package dev.caregap.results;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.caregap.figures.Figure;
import dev.caregap.run.RunReport;
import dev.caregap.study.FigureSpec;
import dev.caregap.study.Measure;

import java.io.IOException;
import java.nio.file.Path;

/**
 * figures.json: the run (study, run, trigger, when, respondents included), the headline figures'
 * totals as people read them (percent or points to one decimal, as text), and every figure with all
 * its fields as numbers. A missing number (NaN, no z, no rank; a gap's count and base) is null.
 */
final class FiguresJson {

    static final String FILE = "figures.json";

    private static final JsonFactory JSON = new JsonFactory();

    private FiguresJson() {
    }

    static void write(Path file, RunReport report) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeStringField("study", report.study().id());
            json.writeStringField("title", report.study().title());
            json.writeStringField("run", report.name());
            json.writeNumberField("runId", report.runId());
            json.writeStringField("trigger", report.trigger());
            json.writeStringField("finishedAt", report.finishedAt() == null ? null : report.finishedAt().toString());
            json.writeNumberField("respondentsIncluded", report.respondentsIncluded());

            json.writeArrayFieldStart("headline");
            for (FigureSpec spec : report.study().figures()) {
                if (!spec.headline()) {
                    continue;
                }
                for (Figure figure : report.figures()) {
                    if (figure.isTotal() && figure.figure().equals(spec.id())) {
                        writeHeadline(json, figure);
                    }
                }
            }
            json.writeEndArray();

            json.writeArrayFieldStart("figures");
            for (Figure figure : report.figures()) {
                writeFigure(json, figure);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static void writeHeadline(JsonGenerator json, Figure f) throws IOException {
        boolean gap = f.measure() == Measure.GAP;
        json.writeStartObject();
        json.writeStringField("figure", f.figure());
        json.writeStringField("label", f.label());
        // a figure of several rows (each option, each question ranked) is told apart by them
        json.writeStringField("question", f.question());
        json.writeStringField("answer", f.answer());
        writeCount(json, "rank", f.rank() == null ? null : f.rank().longValue());
        json.writeStringField("unit", gap ? "points" : "percent");
        json.writeStringField("percent", Percent.of(f.share()));
        json.writeStringField("low", Percent.of(f.low()));
        json.writeStringField("high", Percent.of(f.high()));
        writeCount(json, "base", gap ? null : f.base());
        json.writeBooleanField("lowBase", f.lowBase());
        json.writeEndObject();
    }

    private static void writeFigure(JsonGenerator json, Figure f) throws IOException {
        boolean gap = f.measure() == Measure.GAP;
        json.writeStartObject();
        json.writeStringField("figure", f.figure());
        json.writeStringField("label", f.label());
        json.writeStringField("measure", FiguresCsv.measureName(f.measure()));
        json.writeStringField("question", f.question());
        json.writeStringField("answer", f.answer());
        json.writeStringField("breakdown", f.breakdown());
        json.writeStringField("group", f.group());
        writeCount(json, "count", gap ? null : f.count());
        writeCount(json, "base", gap ? null : f.base());
        writeNumber(json, "share", f.share());
        writeNumber(json, "low", f.low());
        writeNumber(json, "high", f.high());
        writeNumber(json, "effectiveBase", f.base() == 0 ? Double.NaN : f.effectiveBase());  // no respondents, no base
        writeNumber(json, "z", f.z());
        writeNumber(json, "p", f.p());
        json.writeBooleanField("lowBase", f.lowBase());
        writeCount(json, "rank", f.rank() == null ? null : f.rank().longValue());
        json.writeEndObject();
    }

    private static void writeNumber(JsonGenerator json, String name, Double value) throws IOException {
        json.writeFieldName(name);
        if (value == null || !Double.isFinite(value)) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }

    private static void writeCount(JsonGenerator json, String name, Long value) throws IOException {
        json.writeFieldName(name);
        if (value == null) {
            json.writeNull();
        } else {
            json.writeNumber(value);
        }
    }
}
