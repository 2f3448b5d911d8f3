package io.caas.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The unknown-field check itself: a typo that kubectl would silently drop is caught. */
class UnknownFieldTest {

    @Test
    void aMisspelledFieldIsReported() throws Exception {
        String typo = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: broken
                spec:
                  selector:
                    matchLabels: {app: broken}
                  template:
                    metadata:
                      labels: {app: broken}
                    spec:
                      contaners:
                        - name: app
                          image: example/app:1.0
                """;
        assertThat(Manifests.unknownFields(Manifests.parse(typo).get(0))).singleElement().asString().endsWith(".contaners");
    }

    @Test
    void aCorrectManifestHasNone() throws Exception {
        String fine = """
                apiVersion: v1
                kind: Service
                metadata:
                  name: fine
                spec:
                  ports:
                    - port: 80
                """;
        assertThat(Manifests.unknownFields(Manifests.parse(fine).get(0))).isEmpty();
    }
}
