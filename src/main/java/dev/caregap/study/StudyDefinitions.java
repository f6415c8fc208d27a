package dev.caregap.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads study definitions (YAML) into {@link Study} objects; making a study checks it ({@link StudyCheck}),
 * so a wrong definition stops start-up with a message naming the file and every fault.
 */
public final class StudyDefinitions {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private StudyDefinitions() {
    }

    /** Every {@code *.yaml} / {@code *.yml} study in a folder, in file-name order. */
    public static List<Study> readFolder(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new StudyDefinitionException("The studies folder " + folder.toAbsolutePath() + " does not exist.");
        }
        List<Study> studies = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(StudyDefinitions::isYaml).sorted().toList()) {
                studies.add(read(file));
            }
        } catch (IOException e) {
            throw new StudyDefinitionException("Cannot list the studies folder " + folder + ": " + e.getMessage(), e);
        }
        if (studies.isEmpty()) {
            throw new StudyDefinitionException("The studies folder " + folder.toAbsolutePath() + " holds no study (*.yaml).");
        }
        Map<String, String> seen = new HashMap<>();
        for (Study study : studies) {
            if (seen.put(study.id(), study.id()) != null) {
                throw new StudyDefinitionException("Two study files in " + folder + " use the id '" + study.id() + "'.");
            }
        }
        return studies;
    }

    public static Study read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        } catch (IOException e) {
            throw new StudyDefinitionException("Cannot read study file " + file + ": " + e.getMessage(), e);
        }
    }

    public static Study read(InputStream in, String name) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new StudyDefinitionException("Study file " + name + " is not valid YAML: " + e.getMessage(), e);
        }
        try {
            return new Parser(root).study();
        } catch (StudyDefinitionException e) {
            throw new StudyDefinitionException("Study file " + name + ": " + e.getMessage(), e);
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    /** Turns the YAML tree into the model; structural faults only, meaning is checked by StudyCheck. */
    private static final class Parser {
        private final JsonNode root;
        private final JsonNode optionSets;

        Parser(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw new StudyDefinitionException("the file holds no study (expected keys id, segments, questions, figures).");
            }
            this.root = root;
            this.optionSets = root.path("optionSets");
        }

        Study study() {
            List<Segment> segments = new ArrayList<>();
            for (JsonNode node : list(root, "segments", "study")) {
                segments.add(new Segment(text(node, "id", "segment"), optionalText(node, "label"),
                        text(node, "questionPrefix", "segment " + node.path("id").asText())));
            }
            List<Question> questions = new ArrayList<>();
            for (JsonNode node : list(root, "questions", "study")) {
                questions.add(question(node, segments));
            }
            List<FigureSpec> figures = new ArrayList<>();
            for (JsonNode node : list(root, "figures", "study")) {
                figures.add(figure(node));
            }
            List<Breakdown> breakdowns = new ArrayList<>();
            for (JsonNode node : optionalList(root, "breakdowns")) {
                String id = text(node, "id", "breakdown");
                breakdowns.add(new Breakdown(id, optionalText(node, "label"), texts(node.path("questions"), "breakdown " + id)));
            }
            return new Study(text(root, "id", "study"), optionalText(root, "title"), segments, questions, figures, breakdowns);
        }

        private Question question(JsonNode node, List<Segment> segments) {
            String id = text(node, "id", "question");
            String where = "question " + id;
            String segment = node.hasNonNull("segment") ? node.get("segment").asText()
                    : segments.stream().filter(s -> id.startsWith(s.questionPrefix())).map(Segment::id)
                    .findFirst().orElse(null);
            QuestionType type = enumValue(QuestionType.class, text(node, "type", where), where + " type");
            String matrix = optionalText(node, "matrix");
            String row = optionalText(node, "row");
            String questionText = node.hasNonNull("text") ? node.get("text").asText()
                    : matrix != null && row != null ? matrix + " - " + row : null;
            Condition shownWhen = null;
            if (node.hasNonNull("shownWhen")) {
                JsonNode c = node.get("shownWhen");
                shownWhen = new Condition(text(c, "question", where + " shownWhen"), text(c, "answer", where + " shownWhen"));
            }
            return new Question(id, segment, questionText, type, options(node.path("options"), where), matrix, row,
                    shownWhen, optionalText(node, "otherText"), optionalInt(node, "minimumAge"), optionalInt(node, "maximumAge"));
        }

        private List<Option> options(JsonNode node, String where) {
            if (node.isMissingNode() || node.isNull()) {
                return List.of();
            }
            if (node.isTextual()) {
                JsonNode set = optionSets.path(node.asText());
                if (set.isMissingNode()) {
                    throw new StudyDefinitionException(where + " uses the option set '" + node.asText()
                            + "', which optionSets does not define.");
                }
                return options(set, where);
            }
            if (!node.isArray()) {
                throw new StudyDefinitionException(where + ": options must be a list or the name of an option set.");
            }
            List<Option> options = new ArrayList<>();
            int code = 1;
            for (JsonNode o : node) {
                if (o.isValueNode()) {
                    options.add(new Option(code++, o.asText(), List.of(), false, false, false, null, null));
                } else {
                    options.add(new Option(code++, text(o, "text", where + " option " + code),
                            o.has("aliases") ? texts(o.get("aliases"), where) : List.of(),
                            o.path("notApplicable").asBoolean(false), o.path("exclusive").asBoolean(false),
                            o.path("other").asBoolean(false), optionalInt(o, "min"), optionalInt(o, "max")));
                }
            }
            return options;
        }

        private FigureSpec figure(JsonNode node) {
            String id = text(node, "id", "figure");
            String where = "figure " + id;
            Measure measure = enumValue(Measure.class, text(node, "measure", where), where + " measure");
            List<String> questions = node.has("questions") ? texts(node.get("questions"), where)
                    : node.hasNonNull("question") ? List.of(node.get("question").asText()) : List.of();
            return new FigureSpec(id, optionalText(node, "label"), measure, questions, optionalText(node, "option"),
                    optionalText(node, "minuend"), optionalText(node, "subtrahend"),
                    node.path("ranked").asBoolean(false), node.path("headline").asBoolean(false));
        }

        private static <E extends Enum<E>> E enumValue(Class<E> type, String value, String where) {
            String constant = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return Enum.valueOf(type, constant);
            } catch (IllegalArgumentException e) {
                List<String> known = Stream.of(type.getEnumConstants())
                        .map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
                throw new StudyDefinitionException(where + " is '" + value + "'; expected one of " + known + ".");
            }
        }

        private static Iterable<JsonNode> list(JsonNode node, String key, String where) {
            JsonNode list = node.path(key);
            if (!list.isArray() || list.isEmpty()) {
                throw new StudyDefinitionException(where + " needs a non-empty list '" + key + "'.");
            }
            return list;
        }

        private static Iterable<JsonNode> optionalList(JsonNode node, String key) {
            JsonNode list = node.path(key);
            return list.isArray() ? list : List.of();
        }

        private static List<String> texts(JsonNode node, String where) {
            if (node.isValueNode()) {
                return List.of(node.asText());
            }
            if (!node.isArray()) {
                throw new StudyDefinitionException(where + ": expected a list of texts.");
            }
            List<String> texts = new ArrayList<>();
            node.forEach(n -> texts.add(n.asText()));
            return texts;
        }

        private static String text(JsonNode node, String key, String where) {
            JsonNode value = node.get(key);
            if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
                throw new StudyDefinitionException(where + " needs '" + key + "'.");
            }
            return value.asText();
        }

        private static String optionalText(JsonNode node, String key) {
            JsonNode value = node.get(key);
            return value == null || value.isNull() ? null : value.asText();
        }

        private static Integer optionalInt(JsonNode node, String key) {
            JsonNode value = node.get(key);
            return value == null || value.isNull() ? null : value.asInt();
        }
    }
}
