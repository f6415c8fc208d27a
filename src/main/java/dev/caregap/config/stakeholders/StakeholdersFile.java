package dev.caregap.config.stakeholders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.caregap.config.stakeholders.Stakeholder.Attachment;
import dev.caregap.report.Audience;
import dev.caregap.study.Breakdown;
import dev.caregap.study.Option;
import dev.caregap.study.Question;
import dev.caregap.study.Segment;
import dev.caregap.study.Study;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks the stakeholders file (config/stakeholders.yaml):
 * <pre>
 * stakeholders:
 *   - name: Australia team
 *     address: au-team@localhost
 *     studies: [care-gap]
 *     filter: {country: AU}         # a group of a breakdown (by its option or an alias), or {segment: consumer}
 *     attachments: [xlsx, html, csv]
 *     when: each-run                # or "daily at 07:30"
 * </pre>
 * Every fault stops the start with the file, the entry and the fault named: a wrong entry would otherwise
 * send the wrong figures to someone, or nothing to someone waiting for them.
 */
public final class StakeholdersFile {

    private static final Set<String> FIELDS = Set.of("name", "address", "studies", "filter", "attachments", "when");
    private static final Pattern DAILY = Pattern.compile("daily at (\\d{1,2}):(\\d{2})");
    private static final String EACH_RUN = "each-run";

    private StakeholdersFile() {
    }

    /** The stakeholders in {@code file}; none when it does not exist. */
    public static List<Stakeholder> read(Path file, List<Study> studies) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), studies);
        } catch (IOException e) {
            throw new StakeholdersException("The stakeholders file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    static List<Stakeholder> read(InputStream in, String file, List<Study> studies) throws IOException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new StakeholdersException("The stakeholders file " + file + " is not valid YAML: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        JsonNode list = root.get("stakeholders");
        if (!root.isObject() || list == null || !(list.isArray() || list.isNull())) {
            throw new StakeholdersException("The stakeholders file " + file + " has no list 'stakeholders:' at its top.", null);
        }
        List<Stakeholder> all = new ArrayList<>();
        Set<String> addresses = new HashSet<>();
        int n = 0;
        for (JsonNode entry : list) {
            n++;
            Stakeholder stakeholder = new Entry(file, n, entry).read(studies);
            if (!addresses.add(stakeholder.address().toLowerCase(Locale.ROOT))) {
                throw new Entry(file, n, entry).fault("the address " + stakeholder.address()
                        + " is already an earlier entry's (one entry per address)");
            }
            all.add(stakeholder);
        }
        return all;
    }

    /** One entry of the list, for reading and for naming in faults. */
    private record Entry(String file, int number, JsonNode node) {

        Stakeholder read(List<Study> studies) {
            if (!node.isObject()) {
                throw fault("it is not a mapping of name, address, studies, filter, attachments and when");
            }
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!FIELDS.contains(field)) {
                    throw fault("unknown field '" + field + "' (known: name, address, studies, filter, attachments, when)");
                }
            }
            String name = text("name", true);
            String address = address(text("address", true));
            Map<String, Audience> audiences = new LinkedHashMap<>();
            JsonNode filter = node.get("filter");
            for (String id : list("studies", true)) {
                Study study = studies.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow(() -> fault(
                        "unknown study '" + id + "' (known: " + String.join(", ", studies.stream().map(Study::id).toList()) + ")"));
                audiences.put(id, audience(study, filter));
            }
            Set<Attachment> attachments = EnumSet.noneOf(Attachment.class);
            for (String attachment : list("attachments", false)) {
                try {
                    attachments.add(Attachment.valueOf(attachment.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw fault("unknown attachment '" + attachment + "' (known: xlsx, html, csv)");
                }
            }
            return new Stakeholder(name, address, audiences, attachments, when(text("when", false)));
        }

        private String address(String address) {
            try {
                InternetAddress parsed = new InternetAddress(address, true);
                parsed.validate();
                if (!parsed.getAddress().equals(address) || !address.contains("@")) {
                    throw new AddressException("not a plain address such as team@example.com");
                }
                return address;
            } catch (AddressException e) {
                throw fault("the address '" + address + "' is no e-mail address (" + e.getMessage() + ")");
            }
        }

        private LocalTime when(String when) {
            if (when == null || when.equals(EACH_RUN)) {
                return null;
            }
            Matcher daily = DAILY.matcher(when);
            if (daily.matches()) {
                try {
                    return LocalTime.of(Integer.parseInt(daily.group(1)), Integer.parseInt(daily.group(2)));
                } catch (DateTimeException e) {
                    throw fault("'" + when + "' is no time of day (00:00 to 23:59)");
                }
            }
            throw fault("when '" + when + "' is neither 'each-run' nor 'daily at HH:mm'");
        }

        /** Everyone's figures without a filter; one group of a breakdown, or one segment, with one. */
        private Audience audience(Study study, JsonNode filter) {
            if (filter == null || filter.isNull()) {
                return Audience.EVERYONE;
            }
            if (!filter.isObject() || filter.size() != 1 || !filter.elements().next().isValueNode()) {
                throw fault("the filter must name one breakdown and its group (e.g. country: AU) or one segment"
                        + " (segment: consumer)");
            }
            String key = filter.fieldNames().next();
            String value = filter.get(key).asText().strip();
            if (key.equals(Breakdown.SEGMENT)) {
                Segment segment = study.segments().stream()
                        .filter(s -> s.id().equalsIgnoreCase(value) || s.label().equalsIgnoreCase(value)).findFirst()
                        .orElseThrow(() -> fault("unknown segment '" + value + "' in study " + study.id() + " (known: "
                                + String.join(", ", study.segments().stream().map(Segment::id).toList()) + ")"));
                return Audience.segment(segment.id(), segment.label());
            }
            Breakdown breakdown = study.breakdowns().stream().filter(b -> b.id().equals(key)).findFirst()
                    .orElseThrow(() -> fault("unknown filter '" + key + "' for study " + study.id() + " (known: segment, "
                            + String.join(", ", study.breakdowns().stream().map(Breakdown::id).toList()) + ")"));
            List<Option> options = breakdown.questions().stream().map(study::question).flatMap(Optional::stream)
                    .map(Question::options).flatMap(List::stream).toList();
            return options.stream()
                    .filter(o -> o.names().stream().anyMatch(name -> name.equalsIgnoreCase(value))).findFirst()
                    .map(o -> Audience.group(breakdown.id(), o.text()))
                    .orElseThrow(() -> fault("unknown " + breakdown.label().toLowerCase(Locale.ROOT) + " '" + value
                            + "' in study " + study.id() + " (known: " + String.join(", ",
                            options.stream().map(Option::text).distinct().toList()) + ", or an alias of one)"));
        }

        private String text(String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull() || value.asText().isBlank()) {
                if (required) {
                    throw fault("it has no " + field);
                }
                return null;
            }
            if (!value.isValueNode()) {
                throw fault(field + " must be one value");
            }
            return value.asText().strip();
        }

        private List<String> list(String field, boolean required) {
            JsonNode value = node.get(field);
            List<String> items = new ArrayList<>();
            if (value != null && value.isValueNode() && !value.isNull()) {
                items.add(value.asText().strip());
            } else if (value != null && value.isArray()) {
                value.forEach(item -> items.add(item.asText().strip()));
            } else if (value != null && !value.isNull()) {
                throw fault(field + " must be a list, e.g. [" + (field.equals("studies") ? "care-gap" : "xlsx, csv") + "]");
            }
            if (required && items.isEmpty()) {
                throw fault("it names no " + field);
            }
            return items;
        }

        StakeholdersException fault(String fault) {
            String name = node.isObject() && node.hasNonNull("name") ? " (" + node.get("name").asText() + ")" : "";
            return new StakeholdersException("The stakeholders file " + file + ", entry " + number + name + ": " + fault + ".",
                    null);
        }
    }
}
