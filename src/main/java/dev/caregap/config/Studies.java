package dev.caregap.config;

import dev.caregap.study.Study;
import dev.caregap.study.StudyDefinitions;

import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;

/** The studies this instance knows, read and checked once at start-up from the studies folder. */
public final class Studies {

    private final List<Study> all;

    public Studies(Path folder) {
        this.all = StudyDefinitions.readFolder(folder);
    }

    public List<Study> all() {
        return all;
    }

    public Study byId(String id) {
        return all.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("No study '" + id + "' in the studies folder."));
    }
}
