package dev.caregap.read;

import java.time.ZoneId;
import java.util.List;

/**
 * One data row of an export, with personal data already left out and columns mapped to questions.
 *
 * @param row          the row as a spreadsheet shows it (header rows counted, 1-based)
 * @param segment      the segment id the file (or the row's segment column) says; a tidy segment cell that is
 *                     not a segment id of the study is passed as written, for cleaning to reject
 * @param respondentId as written, or null when the layout has none (Google Forms)
 * @param endedAt      the end timestamp as written, or null
 * @param finished     Qualtrics Finished as written, or null when the file has no such column
 * @param progress     Qualtrics Progress as written, or null when the file has no such column
 * @param weight       the weight as written, or null when the file has no weight column
 * @param cells        the cells that map to questions, in column order
 * @param zone         the time zone the file states for its end timestamps (Qualtrics writes it in the
 *                     import id of its EndDate column), or null when it states none (then UTC)
 * @param readIssues   what is wrong with the row as written (more or fewer cells than the header), usually none
 */
public record RawResponse(long row, String segment, String respondentId, String endedAt, String finished,
                          String progress, String weight, RawCells cells, ZoneId zone, List<ReadIssue> readIssues) {

    public RawResponse {
        readIssues = readIssues == null ? List.of() : List.copyOf(readIssues);
    }

    public RawResponse(long row, String segment, String respondentId, String endedAt, String finished,
                       String progress, String weight, List<RawCell> cells, ZoneId zone, List<ReadIssue> readIssues) {
        this(row, segment, respondentId, endedAt, finished, progress, weight, RawCells.of(cells), zone, readIssues);
    }

    /** A response read without fault. */
    public RawResponse(long row, String segment, String respondentId, String endedAt, String finished,
                       String progress, String weight, List<RawCell> cells, ZoneId zone) {
        this(row, segment, respondentId, endedAt, finished, progress, weight, RawCells.of(cells), zone, List.of());
    }

    /** A response from a file that states no time zone. */
    public RawResponse(long row, String segment, String respondentId, String endedAt, String finished,
                       String progress, String weight, List<RawCell> cells) {
        this(row, segment, respondentId, endedAt, finished, progress, weight, RawCells.of(cells), null, List.of());
    }
}
