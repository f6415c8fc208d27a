package dev.caregap.config.stakeholders;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The stakeholders of this service, read and checked once at start-up from the stakeholders file. */
public final class Stakeholders {

    private final Path file;
    private final List<Stakeholder> all;

    public Stakeholders(Path file, List<Stakeholder> all) {
        this.file = file;
        this.all = List.copyOf(all);
    }

    public Path file() {
        return file;
    }

    public List<Stakeholder> all() {
        return all;
    }

    /** The addresses that get a summary of each delivered run of the study. */
    public List<String> eachRun(String study) {
        return all.stream().filter(s -> s.eachRun() && s.audiences().containsKey(study)).map(Stakeholder::address).toList();
    }

    /** The stakeholders that get a daily digest. */
    public List<Stakeholder> digests() {
        return all.stream().filter(s -> !s.eachRun()).toList();
    }

    public Optional<Stakeholder> byAddress(String address) {
        return all.stream().filter(s -> s.address().equalsIgnoreCase(address)).findFirst();
    }
}
