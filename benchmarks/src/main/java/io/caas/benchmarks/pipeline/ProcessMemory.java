package io.caas.benchmarks.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A process' memory as the kernel sees it: its resident set (VmRSS of /proc/&lt;pid&gt;/status, what a container's
 * memory limit is measured against), and the heap limit ({@code -Xmx}) its JVM was started with, if any.
 */
record ProcessMemory(long rssKib, String maxHeap) {

    static ProcessMemory of(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        return new ProcessMemory(kib(Files.readString(proc.resolve("status")), "VmRSS"),
                maxHeap(new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)));
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

    /** The value of the last {@code -Xmx} of a /proc/&lt;pid&gt;/cmdline text (arguments NUL-separated), or "default". */
    static String maxHeap(String cmdline) {
        return Arrays.stream(cmdline.split("\0")).filter(arg -> arg.startsWith("-Xmx")).reduce((first, last) -> last)
                .map(arg -> arg.substring("-Xmx".length())).orElse("default");
    }
}
