package dev.caregap.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a study means something: every reference resolves and every figure can be computed, and
 * resolves the options that display logic and option figures name ({@link OptionNames}), once, when the
 * {@link Study} is made. All faults are gathered so the author fixes them in one go.
 */
final class StudyCheck {

    /**
     * What the check resolved.
     *
     * @param questions     the questions, their display logic resolved
     * @param figureOptions figure id to question id to the option an option figure counts there
     */
    record Resolved(List<Question> questions, Map<String, Map<String, Option>> figureOptions) {
    }

    /** The database keeps ids in columns of 64 characters; an option's text, as an answer or a group, in 500. */
    private static final int LONGEST_ID = 64;
    private static final int LONGEST_OPTION = 500;

    private final String studyId;
    private final List<Segment> segments;
    private final List<Question> questions;
    private final List<FigureSpec> figures;
    private final List<Breakdown> breakdowns;
    private final Map<String, Question> questionsById = new HashMap<>();
    private final Map<String, FigureSpec> figuresById = new HashMap<>();
    private final List<String> faults = new ArrayList<>();
    private final Map<String, Option> conditionOptions = new HashMap<>();
    private final Map<String, Map<String, Option>> figureOptions = new HashMap<>();

    private StudyCheck(String studyId, List<Segment> segments, List<Question> questions, List<FigureSpec> figures,
                       List<Breakdown> breakdowns) {
        this.studyId = studyId;
        this.segments = segments;
        this.questions = questions;
        this.figures = figures;
        this.breakdowns = breakdowns;
        questions.forEach(q -> questionsById.putIfAbsent(q.id(), q));
        figures.forEach(f -> figuresById.putIfAbsent(f.id(), f));
    }

    /** The study's parts resolved; throws {@link StudyDefinitionException} naming every fault. */
    static Resolved check(String studyId, List<Segment> segments, List<Question> questions, List<FigureSpec> figures,
                          List<Breakdown> breakdowns) {
        StudyCheck check = new StudyCheck(studyId, segments, questions, figures, breakdowns);
        check.studyId();
        check.segments();
        check.questions();
        check.figures();
        check.breakdowns();
        if (!check.faults.isEmpty()) {
            throw new StudyDefinitionException(String.join(" ", check.faults));
        }
        return check.resolved();
    }

    private Resolved resolved() {
        List<Question> resolved = questions.stream()
                .map(q -> q.shownWhen() == null ? q
                        : q.withShownWhen(q.shownWhen().resolvedTo(conditionOptions.get(q.id()))))
                .toList();
        Map<String, Map<String, Option>> options = new HashMap<>();
        figureOptions.forEach((figure, byQuestion) -> options.put(figure, Map.copyOf(byQuestion)));
        return new Resolved(resolved, Map.copyOf(options));
    }

    private void studyId() {
        if (!FolderName.fits(studyId)) {
            faults.add("The study id '" + studyId + "' cannot name the study's results folder: an id is letters, digits,"
                    + " '.', '_' and '-', starting with a letter or digit.");
        }
        idFits("The study", studyId);
    }

    private void idFits(String where, String id) {
        if (id != null && id.length() > LONGEST_ID) {
            faults.add(where + ": its id has " + id.length() + " characters; an id has at most " + LONGEST_ID + ".");
        }
    }

    private void segments() {
        Set<String> ids = new HashSet<>();
        for (Segment s : segments) {
            if (!ids.add(s.id())) {
                faults.add("Segment '" + s.id() + "' is defined twice.");
            }
            idFits("Segment '" + s.id() + "'", s.id());
        }
    }

    private void questions() {
        Set<String> ids = new HashSet<>();
        Map<String, Question> byText = new HashMap<>();
        for (Question q : questions) {
            String where = "Question " + q.id();
            if (!ids.add(q.id())) {
                faults.add(where + " is defined twice.");
            }
            idFits(where, q.id());
            if (q.segment() == null || segments.stream().noneMatch(s -> s.id().equals(q.segment()))) {
                faults.add(where + " belongs to no segment (its id starts with no segment's questionPrefix).");
            }
            if (q.text() == null || q.text().isBlank()) {
                faults.add(where + " needs 'text' (or 'matrix' and 'row').");
            } else {
                sameText(q, byText.putIfAbsent(TextKey.of(q.text()), q));
            }
            boolean choice = q.type() != QuestionType.TEXT;
            if (choice && q.options().isEmpty()) {
                faults.add(where + " of type " + q.type().name().toLowerCase() + " needs options.");
            }
            if (!choice && !q.options().isEmpty()) {
                faults.add(where + " is open text and cannot have options.");
            }
            Set<String> optionKeys = new HashSet<>();
            for (Option o : q.options()) {
                if (o.text() != null && o.text().length() > LONGEST_OPTION) {
                    faults.add(where + ": option " + o.code() + " has " + o.text().length() + " characters; an option"
                            + " has at most " + LONGEST_OPTION + " (its text is kept as the answer a figure counts or"
                            + " as a group's label).");
                }
                for (String name : o.names()) {
                    if (!optionKeys.add(TextKey.of(name))) {
                        faults.add(where + ": option text or alias '" + name + "' names two options.");
                    }
                }
            }
            if (q.type() == QuestionType.SCALE && q.validOptions().size() < 3) {
                faults.add(where + " is a scale and needs at least three valid points.");
            }
            if (q.type() == QuestionType.AGE) {
                ageBands(q, where);
            }
            if (q.shownWhen() != null) {
                shownWhen(q, where);
            }
            // cleaning knows one exclusive option ("None of these") and one "other" option per question
            if (q.options().stream().filter(Option::exclusive).count() > 1) {
                faults.add(where + " has several options marked 'exclusive: true'; a question has at most one.");
            }
            if (q.options().stream().filter(Option::other).count() > 1) {
                faults.add(where + " has several options marked 'other: true'; a question has at most one.");
            }
            boolean hasOther = q.options().stream().anyMatch(Option::other);
            if (q.otherText() != null) {
                Question other = questionsById.get(q.otherText());
                if (other == null || other.type() != QuestionType.TEXT) {
                    faults.add(where + ": otherText " + q.otherText() + " must be an open-text question of the study.");
                }
                if (!hasOther) {
                    faults.add(where + " names otherText but has no option marked 'other: true'.");
                }
            }
        }
    }

    /** Exports headed by question text (Google Forms, SurveyMonkey) are read by text across the whole study. */
    private void sameText(Question q, Question first) {
        if (first != null && first.segment() != null && q.segment() != null && !first.segment().equals(q.segment())) {
            faults.add("Question " + q.id() + " (segment " + q.segment() + ") has the text of question " + first.id()
                    + " (segment " + first.segment() + "); an export headed by question text could not tell them apart:"
                    + " questions of different segments need different texts.");
        }
    }

    private void shownWhen(Question q, String where) {
        Condition condition = q.shownWhen();
        Question on = questionsById.get(condition.question());
        if (on == null) {
            faults.add(where + " is shown when " + condition.question() + " is answered, but there is no such question.");
            return;
        }
        new OptionNames(on).option(condition.answer()).ifPresentOrElse(
                option -> conditionOptions.put(q.id(), option),
                () -> faults.add(where + " is shown when " + on.id() + " = '" + condition.answer()
                        + "', which is not an option of it."));
    }

    private void ageBands(Question q, String where) {
        if (q.minimumAge() == null || q.maximumAge() == null) {
            faults.add(where + " is an age and needs minimumAge and maximumAge.");
        }
        Integer minimum = q.minimumAge();
        Integer next = null;
        boolean eligible = false;
        for (Option band : q.options()) {
            if (band.min() == null || band.max() == null || band.min() > band.max()) {
                faults.add(where + ": age band '" + band.text() + "' needs min and max with min <= max.");
                return;
            }
            if (next == null && minimum != null && band.min() > minimum) {
                faults.add(where + ": age band '" + band.text() + "' should start at " + minimum
                        + " (minimumAge) or under it so that bands leave no gap.");
            } else if (next != null && band.min() != next) {
                faults.add(where + ": age band '" + band.text() + "' should start at " + next + " so that bands leave no gap.");
            }
            if (minimum != null && band.min() < minimum && band.max() >= minimum) {
                faults.add(where + ": age band '" + band.text() + "' holds ages both under and over minimumAge " + minimum
                        + "; a band lies wholly under it (answering it makes a respondent ineligible) or wholly at or over it.");
            }
            eligible |= !q.underMinimumAge(band);
            next = band.max() + 1;
        }
        if (minimum != null && !q.options().isEmpty() && !eligible) {
            faults.add(where + " has no age band at or over minimumAge " + minimum + ".");
        }
    }

    private void figures() {
        Set<String> ids = new HashSet<>();
        for (FigureSpec f : figures) {
            String where = "Figure " + f.id();
            if (!ids.add(f.id())) {
                faults.add(where + " is defined twice.");
            }
            idFits(where, f.id());
            if (f.measure() == Measure.GAP) {
                String minuendSegment = gapSide(where, f.minuend(), "minuend");
                String subtrahendSegment = gapSide(where, f.subtrahend(), "subtrahend");
                if (minuendSegment != null && minuendSegment.equals(subtrahendSegment)) {
                    faults.add(where + ": its minuend " + f.minuend() + " and subtrahend " + f.subtrahend()
                            + " are both of segment " + minuendSegment + "; a gap compares two independent groups, so"
                            + " its sides are figures of two segments.");
                }
                continue;
            }
            if (f.questions().isEmpty()) {
                faults.add(where + " needs 'question' or 'questions'.");
            }
            Set<String> figureSegments = new HashSet<>();
            for (String questionId : f.questions()) {
                Question q = questionsById.get(questionId);
                if (q == null) {
                    faults.add(where + " counts " + questionId + ", which is not a question of the study.");
                    continue;
                }
                figureSegments.add(q.segment());
                if (q.type() == QuestionType.TEXT) {
                    faults.add(where + " counts " + questionId + ", an open-text question, which has nothing to count.");
                }
                if (f.measure() == Measure.TOP2 && q.type() != QuestionType.SCALE) {
                    faults.add(where + " is top-2 but " + questionId + " is not a scale.");
                }
                if (f.measure() == Measure.OPTION) {
                    figureOption(f, q, where);
                }
            }
            if (figureSegments.size() > 1) {
                faults.add(where + " counts questions of several segments; a figure's base is one segment.");
            }
        }
    }

    private void figureOption(FigureSpec f, Question q, String where) {
        new OptionNames(q).option(f.option()).ifPresentOrElse(
                option -> figureOptions.computeIfAbsent(f.id(), id -> new HashMap<>()).put(q.id(), option),
                () -> faults.add(where + " counts option '" + f.option() + "', which is not an option of "
                        + q.id() + "."));
    }

    /** The segment of a gap's side, or null when the side is no share of one question (a fault). */
    private String gapSide(String where, String figureId, String side) {
        FigureSpec side1 = figureId == null ? null : figuresById.get(figureId);
        if (side1 == null) {
            faults.add(where + " is a gap and needs a " + side + " that names a figure of the study.");
        } else if (side1.measure() != Measure.TOP2 && side1.measure() != Measure.OPTION || side1.questions().size() != 1) {
            faults.add(where + ": its " + side + " " + figureId + " must be one share (top2 or option of one question).");
        } else {
            Question q = questionsById.get(side1.questions().get(0));
            return q == null ? null : q.segment();
        }
        return null;
    }

    private void breakdowns() {
        Set<String> ids = new HashSet<>();
        for (Breakdown b : breakdowns) {
            String where = "Breakdown " + b.id();
            if (!ids.add(b.id())) {
                faults.add(where + " is defined twice.");
            }
            idFits(where, b.id());
            if (Breakdown.TOTAL.equalsIgnoreCase(b.id())) {
                faults.add(where + ": '" + Breakdown.TOTAL + "' names the figures over all respondents; a breakdown"
                        + " needs another id.");
            }
            if (Breakdown.SEGMENT.equalsIgnoreCase(b.id())) {
                faults.add(where + ": '" + Breakdown.SEGMENT + "' is what a stakeholder's filter names for one segment's"
                        + " figures; a breakdown needs another id.");
            }
            Set<String> segmentsSeen = new HashSet<>();
            for (String questionId : b.questions()) {
                Question q = questionsById.get(questionId);
                if (q == null || q.options().isEmpty() || q.type() == QuestionType.MULTI) {
                    faults.add(where + " splits by " + questionId + ", which must be a single-answer question, age or scale of the study.");
                } else if (!segmentsSeen.add(q.segment())) {
                    faults.add(where + " names two questions of segment " + q.segment() + ".");
                }
            }
        }
    }
}
