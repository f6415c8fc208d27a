package dev.caregap.study;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A survey study: its segments, questions, figures and breakdowns. Loaded from a YAML definition. */
public final class Study {

    private final String id;
    private final String title;
    private final List<Segment> segments;
    private final List<Question> questions;
    private final List<FigureSpec> figures;
    private final List<Breakdown> breakdowns;
    private final Map<String, Question> questionsById = new LinkedHashMap<>();

    public Study(String id, String title, List<Segment> segments, List<Question> questions,
                 List<FigureSpec> figures, List<Breakdown> breakdowns) {
        this.id = id;
        this.title = title;
        this.segments = List.copyOf(segments);
        this.questions = List.copyOf(questions);
        this.figures = List.copyOf(figures);
        this.breakdowns = List.copyOf(breakdowns);
        this.questions.forEach(q -> questionsById.putIfAbsent(q.id(), q));
    }

    public String id() { return id; }

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

    @Override
    public String toString() {
        return "Study[" + id + "]";
    }
}
