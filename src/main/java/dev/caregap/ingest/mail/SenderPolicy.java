package dev.caregap.ingest.mail;

import java.util.List;
import java.util.Locale;

/** Who may mail exports in: addresses ({@code analyst@example.org}) or whole domains ({@code @example.org}). */
public final class SenderPolicy {

    private final List<String> allowed;

    public SenderPolicy(List<String> allowed) {
        this.allowed = allowed.stream().map(a -> a.trim().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty()).toList();
    }

    public boolean allows(String address) {
        if (address == null || address.indexOf('@') <= 0) {
            return false;
        }
        String sender = address.trim().toLowerCase(Locale.ROOT);
        String domain = sender.substring(sender.lastIndexOf('@'));
        return allowed.stream().anyMatch(a -> a.startsWith("@") ? a.equals(domain) : a.equals(sender));
    }

    @Override
    public String toString() {
        return allowed.isEmpty() ? "no one" : String.join(", ", allowed);
    }
}
