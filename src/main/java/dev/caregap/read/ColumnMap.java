package dev.caregap.read;

import dev.caregap.study.Question;
import dev.caregap.study.QuestionType;
import dev.caregap.study.Segment;
import dev.caregap.study.Study;
import dev.caregap.study.TextKey;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each column of an export holds, worked out once from its header rows: a question (or one option of a
 * multi-select), a metadata field, personal data (never read) or nothing the study knows. Rows are then
 * read by column number only.
 */
final class ColumnMap {

    private static final String RESPONSE = TextKey.of("Response");
    private static final String OPEN_ENDED = TextKey.of("Open-Ended Response");

    private static final Pattern TIME_ZONE = Pattern.compile("\"timeZone\"\\s*:\\s*\"([^\"]+)\"");

    final Study study;
    /** Per mapped column, in column order: its number, question id, header as written and option (or null). */
    final int[] questionColumns;
    final String[] questionIds;
    final String[] headers;
    final String[] options;
    final int respondentIdColumn;
    final int endedAtColumn;
    /** The zone Qualtrics states for its EndDate column, or null. */
    final ZoneId endedAtZone;
    final int finishedColumn;
    final int progressColumn;
    final int weightColumn;
    final int segmentColumn;
    /** The segments of the mapped questions, in the study's order. */
    final Set<String> segments;
    final List<String> ignoredColumns;
    final List<String> personalDataColumns;
    /** The study's questions as exports head them, to tell a row of question texts from answers. */
    final QuestionIndex index;

    private ColumnMap(Builder b) {
        this.study = b.index.study();
        int n = b.targets.size();
        this.questionColumns = new int[n];
        this.questionIds = new String[n];
        this.headers = new String[n];
        this.options = new String[n];
        for (int i = 0; i < n; i++) {
            questionColumns[i] = b.targetColumns.get(i);
            questionIds[i] = b.targets.get(i).question().id();
            headers[i] = b.targetHeaders.get(i);
            options[i] = b.targets.get(i).option();
        }
        int[] meta = b.metadata;
        this.respondentIdColumn = meta[MetadataColumn.RESPONDENT_ID.ordinal()];
        this.endedAtColumn = meta[MetadataColumn.ENDED_AT.ordinal()];
        this.endedAtZone = b.endedAtZone;
        this.finishedColumn = meta[MetadataColumn.FINISHED.ordinal()];
        this.progressColumn = meta[MetadataColumn.PROGRESS.ordinal()];
        this.weightColumn = meta[MetadataColumn.WEIGHT.ordinal()];
        this.segmentColumn = meta[MetadataColumn.SEGMENT.ordinal()];
        Set<String> found = new LinkedHashSet<>();
        for (Segment s : study.segments()) {
            if (b.targets.stream().anyMatch(t -> s.id().equals(t.question().segment()))) {
                found.add(s.id());
            }
        }
        this.segments = Collections.unmodifiableSet(found);
        this.ignoredColumns = List.copyOf(b.ignored);
        this.personalDataColumns = List.copyOf(b.personal);
        this.index = b.index;
    }

    int mappedColumns() {
        return questionColumns.length;
    }

    /** The numbers of the columns mapped to questions. */
    BitSet answerColumns() {
        BitSet answers = new BitSet();
        for (int column : questionColumns) {
            answers.set(column);
        }
        return answers;
    }

    /**
     * By column, up to {@code width}: whether a data row's cell there is never read (no question, id, segment, end,
     * completion or weight column): personal data, metadata of no use, columns with no header.
     */
    boolean[] unreadColumns(int width) {
        boolean[] unread = new boolean[width];
        Arrays.fill(unread, true);
        for (int column : questionColumns) {
            read(unread, column);
        }
        for (int column : new int[] {respondentIdColumn, endedAtColumn, finishedColumn, progressColumn, weightColumn,
                segmentColumn}) {
            read(unread, column);
        }
        return unread;
    }

    private static void read(boolean[] unread, int column) {
        if (column >= 0 && column < unread.length) {
            unread[column] = false;
        }
    }

    /** Maps the header rows of a file of the given layout against one study. */
    static ColumnMap of(Layout layout, List<SheetRow> headerRows, QuestionIndex index) {
        Builder b = new Builder(index);
        SheetRow first = headerRows.get(0);
        SheetRow second = headerRows.size() > 1 ? headerRows.get(1) : null;
        int width = headerRows.stream().mapToInt(SheetRow::size).max().orElse(0);
        String carried = "";
        for (int column = 0; column < width; column++) {
            String h1 = first.cell(column);
            String h2 = second == null ? "" : second.cell(column);
            if (layout == Layout.SURVEYMONKEY) {
                // SurveyMonkey writes a question's text over its first column only.
                if (h1.isBlank()) {
                    MetadataColumn carriedMeta = MetadataColumn.of(carried);
                    if (carriedMeta == MetadataColumn.PERSONAL) {
                        continue;
                    }
                    if (carriedMeta == null && !carried.isBlank()) {
                        b.question(column, surveyMonkey(index, carried, h2), carried, h2);
                    } else if (!h2.isBlank()) {
                        b.ignored.add(h2);
                    }
                    continue;
                }
                carried = h1;
            }
            MetadataColumn meta = MetadataColumn.of(h1);
            if (meta == MetadataColumn.PERSONAL) {
                b.personal.add(h1);
            } else if (meta != null) {
                if (meta != MetadataColumn.OTHER && b.metadata[meta.ordinal()] < 0) {
                    b.metadata[meta.ordinal()] = column;
                }
            } else {
                ColumnTarget target = switch (layout) {
                    case QUALTRICS, QUALTRICS_NO_IMPORT_IDS -> {
                        ColumnTarget byTag = index.header(h1);
                        yield byTag != null ? byTag : index.text(h2);
                    }
                    case SURVEYMONKEY -> surveyMonkey(index, h1, h2);
                    case GOOGLE_FORMS, TIDY -> index.header(h1);
                };
                b.question(column, target, h1, layout == Layout.SURVEYMONKEY ? h2 : "");
            }
        }
        if (layout == Layout.QUALTRICS && headerRows.size() > 2 && b.metadata[MetadataColumn.ENDED_AT.ordinal()] >= 0) {
            b.endedAtZone = zone(headerRows.get(2).cell(b.metadata[MetadataColumn.ENDED_AT.ordinal()]));
        }
        return new ColumnMap(b);
    }

    /** The "timeZone" of a Qualtrics import id such as {"ImportId":"endDate","timeZone":"America/Denver"}. */
    static ZoneId zone(String importId) {
        Matcher m = TIME_ZONE.matcher(importId);
        if (!m.find()) {
            return null;
        }
        try {
            return ZoneId.of(m.group(1));
        } catch (DateTimeException e) {
            return null;  // an unknown zone says nothing we can use: UTC, as for files that state none
        }
    }

    /** SurveyMonkey: row 1 the question (or matrix) text, row 2 Response, Open-Ended Response, an option or a matrix row. */
    private static ColumnTarget surveyMonkey(QuestionIndex index, String h1, String h2) {
        ColumnTarget whole = index.header(h1);
        if (whole != null) {
            Question q = whole.question();
            String marker = TextKey.of(h2);
            if (marker.isEmpty() || marker.equals(RESPONSE) || marker.equals(OPEN_ENDED) || whole.option() != null) {
                return whole;
            }
            if (q.type() == QuestionType.MULTI) {
                var option = index.option(q, h2);
                return option == null ? null : new ColumnTarget(q, option.text());
            }
            // The typed text next to a single answer's "Other": the question's otherText, when it has one.
            return q.otherText() == null ? null : index.study().question(q.otherText()).map(ColumnTarget::whole).orElse(null);
        }
        ColumnTarget row = index.matrixRow(h1, h2);
        return row != null ? row : index.text(h1 + " - " + h2);
    }

    private static final class Builder {
        final QuestionIndex index;
        final List<Integer> targetColumns = new ArrayList<>();
        final List<ColumnTarget> targets = new ArrayList<>();
        final List<String> targetHeaders = new ArrayList<>();
        final int[] metadata = new int[MetadataColumn.values().length];
        final List<String> ignored = new ArrayList<>();
        final List<String> personal = new ArrayList<>();
        ZoneId endedAtZone;

        Builder(QuestionIndex index) {
            this.index = index;
            Arrays.fill(metadata, -1);
        }

        void question(int column, ColumnTarget target, String h1, String h2) {
            String header = h2.isBlank() || TextKey.of(h2).equals(RESPONSE) || TextKey.of(h2).equals(OPEN_ENDED)
                    ? h1 : h1 + " - " + h2;
            if (target == null) {
                ignored.add(header.isBlank() ? "column " + (column + 1) + " (no header)" : header);
            } else {
                targetColumns.add(column);
                targets.add(target);
                targetHeaders.add(header);
            }
        }
    }
}
