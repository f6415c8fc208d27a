package dev.caregap.read;

import dev.caregap.study.TextKey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns survey tools add around the answers, known by their header (compared with {@link TextKey}).
 * Personal data is known so that it can be left out unread.
 */
enum MetadataColumn {
    RESPONDENT_ID("ResponseId", "Respondent ID", "respondent_id"),
    ENDED_AT("EndDate", "End Date", "end_date", "Timestamp"),
    FINISHED("Finished"),
    PROGRESS("Progress"),
    WEIGHT("weight"),
    SEGMENT("segment"),
    /** Known, not needed: never read. */
    OTHER("StartDate", "Start Date", "start_date", "Status", "Duration (in seconds)", "RecordedDate",
            "DistributionChannel", "UserLanguage", "Collector ID", "Custom Data", "Custom Data 1", "Custom Data 2",
            "Custom Data 3", "Score"),
    /** Personal data: dropped at read time, its values never read. */
    PERSONAL("IPAddress", "IP Address", "ip_address", "RecipientEmail", "Recipient Email", "Email Address", "Email",
            "E-mail", "E-mail Address", "email_address", "RecipientFirstName", "RecipientLastName", "First Name",
            "Last Name", "first_name", "last_name", "Name", "Full Name", "ExternalReference", "ExternalDataReference",
            "External Reference", "LocationLatitude", "LocationLongitude", "Latitude", "Longitude");

    private static final Map<String, MetadataColumn> BY_HEADER = new HashMap<>();

    static {
        for (MetadataColumn column : values()) {
            for (String header : column.headers) {
                BY_HEADER.put(TextKey.of(header), column);
            }
        }
    }

    private final List<String> headers;

    MetadataColumn(String... headers) {
        this.headers = List.of(headers);
    }

    /** The metadata a header names, or null when it names none. */
    static MetadataColumn of(String header) {
        return BY_HEADER.get(TextKey.of(header));
    }
}
