package io.caas.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The generated part of BENCHMARKS.md: what lies between two markers, replaced by each run; the rest is kept. */
final class BenchmarksPage {

    static final String BEGIN = "<!-- pipeline:begin (written by the pipeline benchmark; edits here are overwritten) -->";
    static final String END = "<!-- pipeline:end -->";

    private BenchmarksPage() {
    }

    static void write(Path page, String section) throws IOException {
        Files.writeString(page, withSection(Files.readString(page), section));
    }

    /** {@code page} with {@code section} between the markers; markers and section appended when it has none. */
    static String withSection(String page, String section) {
        String generated = BEGIN + "\n" + section.strip() + "\n" + END;
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            return page.stripTrailing() + "\n\n" + generated + "\n";
        }
        return page.substring(0, begin) + generated + page.substring(end + END.length());
    }
}
