package io.caas.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/** The command-line tools the monitoring checks run: promtool, amtool, kubectl. */
public final class Tools {

    /** What a finished command printed and its exit code. */
    public record Result(int exitCode, String output, String errors) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Tools() {
    }

    public static boolean onPath(String tool) {
        return Arrays.stream(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    public static Result run(Path workDir, String... command) throws IOException, InterruptedException {
        Path output = Files.createTempFile("tool", ".out");
        Path errors = Files.createTempFile("tool", ".err");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectOutput(output.toFile())
                    .redirectError(errors.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                    Files.readString(errors, StandardCharsets.UTF_8));
        } finally {
            Files.delete(output);
            Files.delete(errors);
        }
    }

    /** Runs the command and fails with its output unless it exits 0. */
    public static String succeed(Path workDir, String... command) throws IOException, InterruptedException {
        Result result = run(workDir, command);
        if (!result.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + result.exitCode() + ":\n" + result.output() + result.errors());
        }
        return result.output();
    }
}
