package dev.caregap.read;

import dev.caregap.study.Question;
import dev.caregap.study.Study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Opens survey exports of the known studies: recognises the file's format, layout, study and segment(s) from
 * its content, then hands its responses over one row at a time (see {@link Export}).
 */
public final class ExportReader {

    private static final int MOST_HEADER_ROWS = 3;

    private final List<QuestionIndex> studies;
    private final WorkbookLimits limits;

    public ExportReader(List<Study> studies) {
        this(studies, WorkbookLimits.DEFAULT);
    }

    /** With other limits on what a workbook may cost (tests). */
    ExportReader(List<Study> studies, WorkbookLimits limits) {
        if (studies.isEmpty()) {
            throw new IllegalArgumentException("An export reader needs at least one study.");
        }
        this.studies = studies.stream().map(QuestionIndex::new).toList();
        this.limits = limits;
    }

    /**
     * Reads the header rows and recognises layout, study and segment(s).
     *
     * @throws ExportRejectedException when the file cannot be used at all
     */
    public Export open(Path file) {
        return open(file, file.getFileName().toString());
    }

    /**
     * As {@link #open(Path)}, for content stored under another name than it arrived with (a mail
     * attachment saved to a temporary file): messages name the file as the person who sent it knows it.
     */
    public Export open(Path file, String fileName) {
        SheetRows rows = ExportFile.open(file, fileName, limits);
        try {
            return read(fileName, rows);
        } catch (RuntimeException e) {
            rows.close();
            throw e;
        }
    }

    private Export read(String fileName, SheetRows rows) {
        SheetRow row;
        do {
            row = rows.next();
        } while (row != null && row.isBlank());
        if (row == null) {
            throw new ExportRejectedException("The file is empty.", "file " + fileName + ": no row holds anything");
        }
        List<SheetRow> first = new ArrayList<>(MOST_HEADER_ROWS);
        first.add(row);
        while (first.size() < MOST_HEADER_ROWS && (row = rows.next()) != null) {
            first.add(row);
        }
        Layout layout = LayoutRecognition.recognise(first, studies);
        if (layout == null) {
            throw new ExportRejectedException("The file's layout is not recognised: expected a Qualtrics, SurveyMonkey, "
                    + "Google Forms or tidy export (Qualtrics has three header rows, the third holding {\"ImportId\": ...}; "
                    + "SurveyMonkey two, the second holding Response, Open-Ended Response or option texts; Google Forms one, "
                    + "starting with Timestamp; tidy one row of question ids).",
                    "file " + fileName + ", row " + first.get(0).number() + ": " + first.get(0).size()
                            + " columns, none headed by a question id or question text of " + studyIds());
        }
        List<SheetRow> header = first.subList(0, layout.headerRows());
        ColumnMap best = null;
        for (QuestionIndex study : studies) {
            ColumnMap columns = ColumnMap.of(layout, header, study);
            if (best == null || columns.mappedColumns() > best.mappedColumns()) {
                best = columns;
            }
        }
        if (best.mappedColumns() == 0) {
            throw new ExportRejectedException("The file matches no question of any study.",
                    "file " + fileName + " (" + layout.label() + "): no column is headed by a question id or question text of "
                            + studyIds());
        }
        if (best.segmentColumn < 0 && best.segments.size() != 1) {
            throw new ExportRejectedException("The file holds questions of several segments (" + String.join(" and ", best.segments)
                    + ") and no segment column, so its respondents cannot be told apart.",
                    "file " + fileName + ": " + questionsBySegment(best));
        }
        return new Export(fileName, layout, best, rows, header, first.subList(layout.headerRows(), first.size()));
    }

    private String studyIds() {
        return studies.stream().map(s -> s.study().id()).collect(Collectors.joining(", "));
    }

    private static String questionsBySegment(ColumnMap columns) {
        return columns.segments.stream().map(segment -> segment + " questions such as " + Arrays.stream(columns.questionIds)
                        .filter(id -> columns.study.question(id).map(Question::segment).orElse("").equals(segment))
                        .findFirst().orElse("?"))
                .collect(Collectors.joining(", "));
    }
}
