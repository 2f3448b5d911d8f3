package io.caas.benchmarks.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process' memory as the kernel sees it: its resident set (VmRSS of /proc/&lt;pid&gt;/status, what a container's
 * memory limit is measured against).
 */
record ProcessMemory(long rssKib) {

    static ProcessMemory of(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        return new ProcessMemory(kib(Files.readString(proc.resolve("status")), "VmRSS"));
    }

    double rssMib() {
        return rssKib / 1024.0;
    }

    /** The value of a {@code "<field>:   123 kB"} line of a /proc file (status, meminfo), in KiB. */
    static long kib(String procFile, String field) {
        String prefix = field + ":";
        return procFile.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Long.parseLong(line.substring(prefix.length()).trim().split("\\s+")[0]))
                .orElseThrow(() -> new IllegalArgumentException("no " + field + " line"));
    }
}
