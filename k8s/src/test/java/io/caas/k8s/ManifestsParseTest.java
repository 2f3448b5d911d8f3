package io.caas.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;

/** A multi-document stream is read as YAML defines documents, not by lines that look like separators. */
class ManifestsParseTest {

    @Test
    void aSeparatorWithACommentEndsADocumentAndEmptyDocumentsAreSkipped() throws Exception {
        String stream = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: notes
                data:
                  notes.md: |
                    front matter
                    ---
                    body
                --- # the second object
                apiVersion: v1
                kind: Service
                metadata:
                  name: second
                ---
                ---
                """;
        var objects = Manifests.parse(stream);

        assertThat(objects).extracting(o -> o.getMetadata().getName()).containsExactly("notes", "second");
        assertThat(((ConfigMap) objects.get(0)).getData().get("notes.md")).isEqualTo("front matter\n---\nbody\n");
    }
}
