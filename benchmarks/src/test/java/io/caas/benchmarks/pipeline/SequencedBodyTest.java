package io.caas.benchmarks.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SequencedBodyTest {

    @Test
    void aBodyNamesItsStepAndSequenceAtAFixedLength() {
        String text = new SequencedBody(3, 119_999).text();

        assertThat(text).hasSize(SequencedBody.LENGTH);
        assertThat(SequencedBody.parse(text)).contains(new SequencedBody(3, 119_999));
    }

    @Test
    void otherBodiesNameNoMessage() {
        assertThat(SequencedBody.parse("hello")).isEmpty();
        assertThat(SequencedBody.parse("step x message 1 ")).isEmpty();
        assertThat(SequencedBody.parse("step 1 message 2")).isEmpty();
        assertThat(SequencedBody.parse(null)).isEmpty();
    }
}
