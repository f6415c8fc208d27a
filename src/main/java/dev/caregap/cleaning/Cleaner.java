package dev.caregap.cleaning;

import dev.caregap.read.RawCells;
import dev.caregap.read.RawResponse;
import dev.caregap.read.ReadIssue;
import dev.caregap.respondent.Exclusion;
import dev.caregap.respondent.Respondent;
import dev.caregap.study.Question;
import dev.caregap.study.Segment;
import dev.caregap.study.Study;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one response as read into a cleaned {@link Respondent}, following the study's analysis rules
 * (matching answers to options, ages, completeness, display logic), and records every value it set missing
 * or corrected as an issue. Duplicates are not decided here: they need all files of the study.
 *
 * <p>Decisions where the rules leave room:
 * <ul>
 *   <li>Option numbers are accepted for single-answer and scale questions only, as plain whole numbers; a
 *       fraction of zeros ("4.0", as spreadsheet cells hold numbers) is the same number, "4.5" is no option.
 *       Multi-select cells are matched by option text only.</li>
 *   <li>A respondent is excluded for the first reason that applies, in this order: segment not recognised,
 *       incomplete, ineligible (an incomplete minor is incomplete). Excluded respondents keep their cleaned
 *       answers and their issues. With an unrecognised segment, the cells of every segment are cleaned.</li>
 *   <li>Under the minimum age: the age is kept as {@code Answer(question, 0, years)} (no band), for the data
 *       file. A given age is stored as its band's code with the years as a plain number ("34 years" -> "34").</li>
 *   <li>Display logic: when the question the condition depends on was not answered (or set missing), the
 *       answers are kept: the survey tool showed the question, and figures filter on the condition anyway.
 *       When the condition is not met, the answers and the question's "other" text are dropped, one issue.</li>
 *   <li>A second answer to a single-answer question (two columns mapped to it) is ignored with an issue.</li>
 *   <li>Finished/Progress, end timestamp and weight: see {@link Completion}, {@link EndTimestamp} and
 *       {@link Weight}; unreadable values never exclude a respondent, they are reported.</li>
 *   <li>A row whose cells do not line up with the header (a read issue says so) keeps no text and no respondent
 *       id, each with an issue that keeps no value: a cell may hold another column's value, personal data too. Its
 *       answers are read, as they must match an option; the row is a respondent of its own, unchecked for
 *       duplicates.</li>
 * </ul>
 */
public final class Cleaner {

    static final String SEGMENT_COLUMN = "segment";
    static final String END_DATE_COLUMN = "end date";
    static final String RESPONDENT_ID_COLUMN = "respondent id";
    static final String TEXT_NOT_KEPT = "text set missing";
    static final String ID_NOT_KEPT = "respondent id set missing: the row stands alone, not checked for duplicates";

    private final Set<String> segments = new HashSet<>();
    private final List<QuestionRules> questions = new ArrayList<>();
    private final Map<String, QuestionRules> byId = new HashMap<>();
    private final List<QuestionRules> shownConditionally = new ArrayList<>();
    private final List<QuestionRules> withExclusiveOption = new ArrayList<>();
    private final Map<String, String> otherSegmentReasons = new HashMap<>();
    /** The sheet of each thread that cleans: one cleaner serves every thread reading its study's exports and parts. */
    private final ThreadLocal<AnswerSheet> sheets = ThreadLocal.withInitial(() -> new AnswerSheet(questions));

    public Cleaner(Study study) {
        for (Segment segment : study.segments()) {
            segments.add(segment.id());
            otherSegmentReasons.put(segment.id(), "question of the " + segment.id() + " segment");
        }
        for (Question question : study.questions()) {
            QuestionRules rules = new QuestionRules(question, questions.size());
            questions.add(rules);
            byId.putIfAbsent(question.id(), rules);
        }
        for (QuestionRules rules : questions) {
            rules.link(byId);
            if (rules.shownWhenQuestion != null) {
                shownConditionally.add(rules);
            }
            if (rules.exclusiveCode != 0) {
                withExclusiveOption.add(rules);
            }
        }
    }

    public Cleaned clean(RawResponse raw) {
        IssueLog issues = new IssueLog(raw.row(), !raw.readIssues().isEmpty());
        for (ReadIssue fault : raw.readIssues()) {
            issues.addAsRead(fault.column(), fault.value(), fault.reason()); // the row as written: its cells and the header
        }
        String segment = segmentOf(raw, issues);
        boolean incomplete = Completion.incomplete(raw.finished(), raw.progress(), issues);
        Instant endedAt = endedAt(raw.endedAt(), raw.zone(), issues);
        double weight = Weight.read(raw.weight(), issues);

        // a shifted row's values may be other columns': where the file has columns never read, personal data too
        boolean shifted = false;
        for (ReadIssue fault : raw.readIssues()) {  // usually none: no stream made per respondent
            shifted |= fault.unreadNearby();
        }
        AnswerSheet sheet = sheets.get().clear();
        boolean underMinimumAge = false;
        RawCells cells = raw.cells();
        for (int i = 0; i < cells.size(); i++) {
            underMinimumAge |= read(cells, i, segment, shifted, sheet, issues);
        }
        dropExclusiveChosenWithOthers(sheet, issues);
        applyDisplayLogic(sheet, issues);

        Exclusion exclusion = segment == null ? Exclusion.NO_SEGMENT
                : incomplete ? Exclusion.INCOMPLETE
                : underMinimumAge ? Exclusion.INELIGIBLE
                : null;
        Respondent respondent = new Respondent(raw.row(), respondentId(raw.respondentId(), shifted, issues), segment,
                endedAt, weight, exclusion, sheet.answers());
        return new Cleaned(respondent, issues.issues());
    }

    private String segmentOf(RawResponse raw, IssueLog issues) {
        if (raw.segment() != null && segments.contains(raw.segment())) {
            return raw.segment();
        }
        issues.add(SEGMENT_COLUMN, null, raw.segment() == null ? "" : raw.segment(), Exclusion.NO_SEGMENT.reason());
        return null;
    }

    private static Instant endedAt(String cell, ZoneId zone, IssueLog issues) {
        if (cell == null || cell.isBlank()) {
            return null;
        }
        Instant endedAt = EndTimestamp.parse(cell, zone == null ? ZoneOffset.UTC : zone);
        if (endedAt == null) {
            issues.add(END_DATE_COLUMN, null, cell, "end date not readable");
        }
        return endedAt;
    }

    /**
     * The id as written; in a shifted row of a file with columns never read none, since its cell may hold another
     * column's value (the recipient's name next to Qualtrics' ResponseId, moved over by a missing delimiter).
     */
    private static String respondentId(String id, boolean shifted, IssueLog issues) {
        if (id == null) {
            return null;
        }
        String trimmed = id.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        if (shifted) {
            issues.add(RESPONDENT_ID_COLUMN, null, trimmed, ID_NOT_KEPT);
            return null;
        }
        return trimmed;
    }

    /**
     * Reads one cell into the sheet. Returns whether it shows the respondent is under the minimum age. In a shifted
     * row a text is not kept, as it may be another column's (an e-mail address moved under a comment): answers are,
     * since they must match an option of the question.
     */
    private boolean read(RawCells cells, int place, String segment, boolean shifted, AnswerSheet sheet,
                         IssueLog issues) {
        String value = cells.value(place);
        String column = cells.column(place);
        boolean empty = value.isBlank();
        QuestionRules q = byId.get(cells.question(place));
        if (q == null) {
            if (!empty) {
                issues.add(column, cells.question(place), value, "no such question in the study");
            }
            return false;
        }
        if (segment != null && !segment.equals(q.question.segment())) {
            if (!empty) {
                issues.add(column, q.question.id(), value,
                        otherSegmentReasons.getOrDefault(q.question.segment(), "question of another segment"));
            }
            return false;
        }
        if (empty) {
            return false;
        }
        switch (q.question.type()) {
            case SINGLE, SCALE -> readSingle(q, column, value, sheet, issues);
            case MULTI -> {
                if (cells.option(place) == null) {
                    readJoined(q, column, value, sheet, issues);
                } else {
                    readOptionColumn(q, column, cells.option(place), value, shifted, sheet, issues);
                }
            }
            case AGE -> {
                return readAge(q, column, value, sheet, issues);
            }
            case TEXT -> {
                if (shifted) {
                    issues.add(column, q.question.id(), value, TEXT_NOT_KEPT);
                } else if (sheet.text(q) == null) {
                    sheet.source(q, column, value);
                    sheet.setText(q, value);
                }
            }
        }
        return false;
    }

    private static void readSingle(QuestionRules q, String column, String value, AnswerSheet sheet, IssueLog issues) {
        int code = q.matcher.match(value);
        if (code == OptionMatcher.NO_OPTION) {
            issues.add(column, q.question.id(), value, q.unmatchedReason);
        } else if (sheet.code(q) != 0 && sheet.code(q) != code) {
            issues.add(column, q.question.id(), value, "second answer to " + q.question.id() + ": ignored");
        } else {
            sheet.source(q, column, value);
            sheet.setCode(q, code);
        }
    }

    private static void readJoined(QuestionRules q, String column, String value, AnswerSheet sheet, IssueLog issues) {
        q.splitter.split(value, new MultiSelectSplitter.Parts() {
            @Override
            public void option(int code, String part) {
                sheet.choose(q, code, column, value);
            }

            @Override
            public void unmatched(String part) {
                issues.add(column, q.question.id(), part, q.unmatchedReason);
            }
        });
    }

    private static void readOptionColumn(QuestionRules q, String column, String option, String value, boolean shifted,
                                         AnswerSheet sheet, IssueLog issues) {
        int code = q.matcher.match(option);
        if (code == OptionMatcher.NO_OPTION) {
            issues.add(column, q.question.id(), value, q.unmatchedReason);
            return;
        }
        if (!QuestionRules.chosen(value)) {
            return;
        }
        sheet.choose(q, code, column, value);
        if (code == q.otherCode && q.otherText != null && !q.onlyMarksOther(value)) {
            if (shifted) {
                issues.add(column, q.otherText.question.id(), value, TEXT_NOT_KEPT);
            } else if (sheet.text(q.otherText) == null) {
                sheet.source(q.otherText, column, value);
                sheet.setText(q.otherText, value);
            }
        }
    }

    private static boolean readAge(QuestionRules q, String column, String value, AnswerSheet sheet, IssueLog issues) {
        if (sheet.answered(q)) {
            return false;
        }
        AgeReading age = q.ageReader.read(value);
        switch (age.kind()) {
            case BAND, YEARS -> {
                sheet.source(q, column, value);
                sheet.setCode(q, age.band());
                sheet.setText(q, age.years());
            }
            case UNDER_MINIMUM -> {
                sheet.source(q, column, value);
                sheet.setCode(q, age.band());
                sheet.setText(q, age.years());
                return true;
            }
            case OVER_MAXIMUM -> issues.add(column, q.question.id(), value,
                    "age above " + q.question.maximumAge() + ": set missing");
            case UNREADABLE -> issues.add(column, q.question.id(), value, "age not readable: set missing");
        }
        return false;
    }

    private void dropExclusiveChosenWithOthers(AnswerSheet sheet, IssueLog issues) {
        for (QuestionRules q : withExclusiveOption) {
            if (sheet.isChosen(q, q.exclusiveCode) && sheet.chosenCount(q) > 1) {
                sheet.unchoose(q, q.exclusiveCode);
                issues.add(sheet.exclusiveColumn(q), q.question.id(), sheet.exclusiveValue(q), q.exclusiveReason);
            }
        }
    }

    /**
     * Drops the answers to questions the respondent was not to be shown. Questions are checked in study
     * order, so a condition on a question that was itself dropped counts as unanswered.
     */
    private void applyDisplayLogic(AnswerSheet sheet, IssueLog issues) {
        for (QuestionRules q : shownConditionally) {
            QuestionRules on = q.shownWhenQuestion;
            if (!sheet.answered(on) || sheet.gave(on, q.shownWhenCode)) {
                continue;
            }
            boolean hadOtherText = q.otherText != null && sheet.answered(q.otherText);
            if (!sheet.answered(q) && !hadOtherText) {
                continue;
            }
            QuestionRules where = sheet.answered(q) ? q : q.otherText;
            issues.add(sheet.column(where), q.question.id(), sheet.value(where), q.hiddenReason);
            sheet.clear(q);
            if (hadOtherText) {
                sheet.clear(q.otherText);
            }
        }
    }
}
