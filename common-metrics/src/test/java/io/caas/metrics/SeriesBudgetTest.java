package io.caas.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.caas.metrics.testing.Scrape;
import io.caas.metrics.testing.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;

/** 10^5 random URLs, methods and tenant ids through real HTTP: the scrape stays within the series budget. */
@QuarkusTest
class SeriesBudgetTest {

    static final int SERIES_BUDGET = 2_000;
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS",
            "PURGE", "MKCOL", "X-RANDOM");
    private static final List<String> TYPES = List.of("text", "image", "file", "system", "bogus");

    @Test
    void hundredThousandRandomRequestsStayWithinTheSeriesBudget() throws InterruptedException {
        SplittableRandom random = new SplittableRandom(42);
        int answered = HttpFlood.send(100_000, i -> {
            String method = METHODS.get(random.nextInt(METHODS.size()));
            String path = switch (random.nextInt(4)) {
                case 0 -> "/v1/items/" + random.nextLong();
                case 1 -> "/v1/tenants/t" + random.nextInt(1_000_000) + "/messages?type=" + TYPES.get(random.nextInt(TYPES.size()));
                case 2 -> "/v1/tenants/t" + random.nextInt(1_000_000) + "/usage/";
                default -> "/" + Long.toHexString(random.nextLong()) + "/" + random.nextInt() + "?q=" + i;
            };
            return new HttpFlood.Call(path.contains("/messages") ? "POST" : method, path);
        });
        assertThat(answered).isEqualTo(100_000);

        PrometheusText scrape = Scrape.metrics();
        Map<String, Long> seriesByFamily = scrape.samples().stream().collect(Collectors.groupingBy(
                s -> s.name().replaceAll("_(bucket|count|sum|max)$", ""), TreeMap::new, Collectors.counting()));
        System.out.printf("series after 10^5 random requests: %d total%n%s%n", scrape.samples().size(),
                seriesByFamily.entrySet().stream().filter(e -> e.getKey().startsWith("caas_"))
                        .map(e -> "  " + e.getKey() + " " + e.getValue()).collect(Collectors.joining("\n")));
        assertThat(scrape.samples()).hasSizeLessThanOrEqualTo(SERIES_BUDGET);
    }
}
