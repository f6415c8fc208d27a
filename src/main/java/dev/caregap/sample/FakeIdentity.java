package dev.caregap.sample;

import java.util.List;

/**
 * Placeholders for the personal-data columns that real exports carry, so that a reader can be seen to drop
 * them. None can belong to anyone: addresses from the documentation ranges (RFC 5737), mail at example.com
 * (RFC 2606), made-up names, and a location at 0,0 in the Gulf of Guinea.
 */
final class FakeIdentity {

    private static final List<String> FIRST_NAMES = List.of("Alex", "Sam", "Jordan", "Casey", "Robin", "Kim");
    private static final List<String> LAST_NAMES = List.of("Example", "Sample", "Placeholder", "Testperson");

    private FakeIdentity() {
    }

    static String ipAddress(long position) {
        String[] ranges = {"192.0.2.", "198.51.100.", "203.0.113."};
        return ranges[(int) (position % 3)] + (1 + position % 254);
    }

    static String email(long position) {
        return "respondent" + position + "@example.com";
    }

    static String firstName(long position) {
        return FIRST_NAMES.get((int) (position % FIRST_NAMES.size()));
    }

    static String lastName(long position) {
        return LAST_NAMES.get((int) (position % LAST_NAMES.size()));
    }

    static String externalReference(long position) {
        return "EXT-" + (100000 + position);
    }

    static String latitude() {
        return "0.0000";
    }

    static String longitude() {
        return "0.0000";
    }
}
