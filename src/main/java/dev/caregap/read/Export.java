package dev.caregap.read;

import dev.caregap.study.Segment;
import dev.caregap.study.Study;
import dev.caregap.study.TextKey;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * An opened export: what it is (layout, study, segments, format) and its responses, read one row at a time.
 * Only the column mapping is kept; rows are not. Close it when done (it holds the file open).
 */
public final class Export implements Iterator<RawResponse>, AutoCloseable {

    private static final int SEGMENT_CACHE_LIMIT = 64;
    /** Parts hold at least this much of the file: below it, opening and following a part costs more than it saves. */
    public static final long LEAST_PART_BYTES = 8L << 20;

    private final String fileName;
    private final Layout layout;
    private final ColumnMap columns;
    private final SheetRows rows;
    private final Deque<SheetRow> pending;
    /** The segment of every row when the file has no segment column, or of rows whose segment cell is blank. */
    private final String fileSegment;
    private final Map<String, String> segmentIds = new HashMap<>();
    private final RowShape shape;
    private final HeaderLikeRows headerLike;
    private SheetRow next;
    private boolean ended;
    private boolean started;
    /** When the file is read in parts: the last row of this part, and where it meets the next part and the one before. */
    private long lastRow = Long.MAX_VALUE;
    private PartSeam toNext;
    private PartSeam fromBefore;

    Export(String fileName, Layout layout, ColumnMap columns, SheetRows rows, List<SheetRow> header, List<SheetRow> pending) {
        this.fileName = fileName;
        this.layout = layout;
        this.columns = columns;
        this.rows = rows;
        this.pending = new ArrayDeque<>(pending);
        this.fileSegment = columns.segments.size() == 1 ? columns.segments.iterator().next() : null;
        this.shape = new RowShape(List.copyOf(header), columns.answerColumns(), rows.writesEveryCell(),
                !columns.personalDataColumns.isEmpty() || !columns.ignoredColumns.isEmpty());
        this.headerLike = new HeaderLikeRows(columns, header.get(0));
        // cells past the header's widest row are read: a shifted row's answers may have moved there
        rows.leaveUnread(columns.unreadColumns(header.stream().mapToInt(SheetRow::size).max().orElse(0)));
    }

    /** A later part of the file read in parts: the same columns, its own rows. */
    private Export(Export first, SheetRows rows, RowShape shape, PartSeam fromBefore) {
        this.fileName = first.fileName;
        this.layout = first.layout;
        this.columns = first.columns;
        this.rows = rows;
        this.pending = new ArrayDeque<>();
        this.fileSegment = first.fileSegment;
        this.shape = shape;
        this.headerLike = first.headerLike;
        this.fromBefore = fromBefore;
    }

    /**
     * This export's responses in up to {@code most} parts to be read side by side, each on a thread of its own, for a
     * machine's cores. A text file of single-byte quotes and line ends (UTF-8, Windows-1252) is cut just after
     * records into parts of at least {@link #LEAST_PART_BYTES} ({@link TextParts}); a workbook, another encoding or a
     * smaller file is one part. The first part is this export, the others are exports of their own, each to be
     * closed; each hands over its rows in file order with the file's row numbers. Where two parts meet, both
     * readers must read the same row, or the later one fails ({@link PartSeam}). Taken before the first response.
     */
    public List<Export> parts(int most) {
        return parts(most, LEAST_PART_BYTES);
    }

    /** As {@link #parts(int)}, with parts of at least {@code leastBytes} (tests cut small files into several). */
    public List<Export> parts(int most, long leastBytes) {
        if (started) {
            throw new IllegalStateException("an export is cut into parts before its first response is taken");
        }
        if (most < 2 || !(rows instanceof CsvRows csv) || !hasNext()) {
            return List.of(this);
        }
        try {
            return partsAt(csv.cuts(most, leastBytes));
        } catch (IOException e) {
            return List.of(this);  // read in one part, which meets the same trouble and says so
        }
    }

    /** This export and a part from each cut past the rows its reader has taken already. */
    List<Export> partsAt(List<TextParts.Cut> cuts) throws IOException {
        CsvRows csv = (CsvRows) rows;
        List<TextParts.Cut> usable = cuts.stream().filter(cut -> cut.rowsBefore() >= csv.lastRow()).toList();
        List<SheetRows> opened = new ArrayList<>(usable.size());
        try {
            for (TextParts.Cut cut : usable) {
                opened.add(csv.from(cut));
            }
        } catch (IOException | RuntimeException e) {
            opened.forEach(SheetRows::close);
            throw e;
        }
        List<Export> parts = new ArrayList<>(usable.size() + 1);
        parts.add(this);
        RowShape later = usable.isEmpty() || !hasNext() ? shape : shape.afterFirst(next);
        for (int i = 0; i < usable.size(); i++) {
            Export before = parts.get(i);
            PartSeam seam = new PartSeam(fileName, usable.get(i).rowsBefore());
            before.lastRow = usable.get(i).rowsBefore();
            before.toNext = seam;
            parts.add(new Export(this, opened.get(i), later, seam));
        }
        return parts;
    }

    public String fileName() {
        return fileName;
    }

    public Study study() {
        return columns.study;
    }

    public Layout layout() {
        return layout;
    }

    /** The segments whose questions the file holds. */
    public Set<String> segments() {
        return columns.segments;
    }

    /** How the file is written, for provenance: "CSV (UTF-8 BOM, ';')", "XLSX" ... */
    public String format() {
        return rows.format();
    }

    /** Headers of columns that map to no question and are no known metadata; their cells are never read. */
    public List<String> ignoredColumns() {
        return columns.ignoredColumns;
    }

    /** Headers of the personal-data columns left out unread (never their values). */
    public List<String> personalDataColumns() {
        return columns.personalDataColumns;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (ended) {
            return false;
        }
        SheetRow row;
        do {
            row = pending.isEmpty() ? rows.next() : pending.poll();
            if (fromBefore != null) {
                fromBefore.first(row);
                fromBefore = null;
            }
            if (row == null || row.number() > lastRow) {
                if (toNext != null) {
                    toNext.pastEnd(row);
                    toNext = null;
                }
                row = null;
            }
        } while (row != null && row.isBlank());
        if (row == null) {
            ended = true;
            return false;
        }
        next = row;
        return true;
    }

    /**
     * The next response; throws {@link ExportRejectedException} naming the row when the file breaks off, or when a
     * row names the questions instead of answering them (the header again: it is never a respondent).
     */
    @Override
    public RawResponse next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows in " + fileName);
        }
        SheetRow row = next;
        next = null;
        started = true;
        if (headerLike.test(row)) {
            throw new ExportRejectedException("Row " + row.number() + " names the questions instead of answering them "
                    + "(their texts, or the header again), so it is no respondent: the file may be two exports joined. "
                    + "Remove the row, or drop each export as a file of its own.",
                    "file " + fileName + ", row " + row.number() + ": " + firstQuestionCell(row));
        }
        ColumnMap c = columns;
        int n = c.questionColumns.length;
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            values[i] = row.value(c.questionColumns[i]);
        }
        return new RawResponse(row.number(), segment(row), optional(row, c.respondentIdColumn),
                optional(row, c.endedAtColumn), optional(row, c.finishedColumn), optional(row, c.progressColumn),
                optional(row, c.weightColumn), new RawCells(c.questionIds, c.headers, c.options, values), c.endedAtZone,
                shape.faults(row));
    }

    private String firstQuestionCell(SheetRow row) {
        for (int column : columns.questionColumns) {
            String cell = row.cell(column);
            if (!cell.isBlank()) {
                return "\"" + MessageText.printable(cell) + "\"";
            }
        }
        return "";
    }

    /** How many bytes of the file were read so far; -1 when not known (workbooks). */
    public long bytesRead() {
        return rows.bytesRead();
    }

    @Override
    public void close() {
        rows.close();
    }

    private static String optional(SheetRow row, int column) {
        return column < 0 ? null : row.value(column);
    }

    /** The segment column's cell as a segment id when it names one (id or label), else as written. */
    private String segment(SheetRow row) {
        if (columns.segmentColumn < 0) {
            return fileSegment;
        }
        String written = row.value(columns.segmentColumn);
        if (written.isBlank() && fileSegment != null) {
            return fileSegment;
        }
        String id = segmentIds.get(written);
        if (id == null) {
            id = written;
            String key = TextKey.of(written);
            for (Segment s : columns.study.segments()) {
                if (TextKey.of(s.id()).equals(key) || (s.label() != null && TextKey.of(s.label()).equals(key))) {
                    id = s.id();
                }
            }
            if (segmentIds.size() < SEGMENT_CACHE_LIMIT) {
                segmentIds.put(written, id);
            }
        }
        return id;
    }

    @Override
    public String toString() {
        return "Export[" + fileName + ", " + layout.label() + ", " + columns.study.id() + "]";
    }
}
