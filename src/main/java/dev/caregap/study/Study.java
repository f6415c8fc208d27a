package dev.caregap.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A survey study: its segments, questions, figures and breakdowns. Loaded from a YAML definition.
 *
 * <p>A study is checked when it is made ({@link StudyCheck}): a definition that means nothing or cannot be
 * computed throws {@link StudyDefinitionException} naming every fault, so every {@code Study} can be trusted.
 * The options that display logic and option figures name are resolved then, once, with {@link OptionNames}:
 * cleaning and figures use the resolved {@link Option}s and never match names again.
 */
public final class Study {

    private final String id;
    private final String title;
    private final List<Segment> segments;
    private final List<Question> questions;
    private final List<FigureSpec> figures;
    private final List<Breakdown> breakdowns;
    private final Map<String, Question> questionsById = new LinkedHashMap<>();
    /** Figure id to question id to the option an option figure counts there. */
    private final Map<String, Map<String, Option>> figureOptions;

    public Study(String id, String title, List<Segment> segments, List<Question> questions,
                 List<FigureSpec> figures, List<Breakdown> breakdowns) {
        this.id = id;
        this.title = title == null || title.isBlank() ? id : title;
        this.segments = List.copyOf(segments);
        this.figures = List.copyOf(figures);
        this.breakdowns = List.copyOf(breakdowns);
        StudyCheck.Resolved resolved = StudyCheck.check(id, this.segments, List.copyOf(questions), this.figures,
                this.breakdowns);
        this.questions = resolved.questions();
        this.questions.forEach(q -> questionsById.putIfAbsent(q.id(), q));
        this.figureOptions = resolved.figureOptions();
    }

    public String id() { return id; }

    /** The study's title; its id when the study gives none. */
    public String title() { return title; }

    public List<Segment> segments() { return segments; }

    public List<Question> questions() { return questions; }

    public List<FigureSpec> figures() { return figures; }

    public List<Breakdown> breakdowns() { return breakdowns; }

    public Optional<Question> question(String questionId) {
        return Optional.ofNullable(questionsById.get(questionId));
    }

    public Optional<Segment> segment(String segmentId) {
        return segments.stream().filter(s -> s.id().equals(segmentId)).findFirst();
    }

    public List<Question> questionsOf(String segmentId) {
        return questions.stream().filter(q -> q.segment().equals(segmentId)).toList();
    }

    public Optional<FigureSpec> figure(String figureId) {
        return figures.stream().filter(f -> f.id().equals(figureId)).findFirst();
    }

    /** The option an {@link Measure#OPTION} figure counts in one of its questions, as resolved when checked. */
    public Option option(FigureSpec figure, String questionId) {
        Option option = figureOptions.getOrDefault(figure.id(), Map.of()).get(questionId);
        if (option == null) {
            throw new IllegalArgumentException("figure " + figure.id() + " of " + id
                    + " counts no option of " + questionId);
        }
        return option;
    }

    @Override
    public String toString() {
        return "Study[" + id + "]";
    }
}
