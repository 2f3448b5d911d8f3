package io.caas.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/**
 * Each service's JVM fits its container: the flags its image and the local run use, resolved by this machine's own
 * JVM (-XX:+PrintFlagsFinal) under the dev overlay's memory limit, cap heap, metaspace, code cache and direct memory
 * (Netty's pool included) to what leaves room for thread stacks, the collector and native allocations.
 */
class JvmMemoryTest {

    /** What the JVM needs beyond its capped areas: ~60 threads' stacks, the collector's tables, malloc arenas. */
    private static final long UNCAPPED_HEADROOM = 96L << 20;

    static List<String> services() {
        return LocalPlatform.SERVICES;
    }

    @ParameterizedTest
    @MethodSource("services")
    void cappedAreasLeaveHeadroomUnderTheContainerLimit(String service) throws Exception {
        Deployment deployment = DevDeployments.read(LocalPlatform.SERVICES).get("caas-" + service);
        long limit = Quantity.getAmountInBytes(deployment.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getResources().getLimits().get("memory")).longValueExact();
        Map<String, String> flags = finalFlags(JvmMemory.options(service, deployment));

        BigInteger heap = new BigInteger(flags.get("MaxHeapSize"));
        BigInteger direct = new BigInteger(flags.get("MaxDirectMemorySize")); // 0: as large as the heap
        BigInteger capped = heap.add(new BigInteger(flags.get("MaxMetaspaceSize")))
                .add(new BigInteger(flags.get("ReservedCodeCacheSize"))).add(direct.signum() == 0 ? heap : direct);
        assertThat(capped).as("heap + metaspace + code cache + direct memory of %s", service)
                .isLessThanOrEqualTo(BigInteger.valueOf(limit - UNCAPPED_HEADROOM));
        assertThat(heap).as("heap of %s", service).isGreaterThanOrEqualTo(BigInteger.valueOf(limit / 3));
        assertThat(flags).containsEntry("UseSerialGC", "true").containsEntry("ExitOnOutOfMemoryError", "true");
    }

    private static Map<String, String> finalFlags(List<String> options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        command.addAll(options);
        command.addAll(List.of("-XX:+PrintFlagsFinal", "-version"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes());
        assertThat(java.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(java.exitValue()).as(output).isZero();
        Map<String, String> flags = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length >= 4 && parts[2].endsWith("=")) { // "type name = value {origin}"
                flags.put(parts[1], parts[3]);
            }
        }
        return flags;
    }
}
