package io.caas.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.caas.web.auth.SecretStrength;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Only placeholder Secrets live in the repo (dev), and dev brings every Secret and ConfigMap its pods need. */
class SecretsTest {

    /** auth's admin token (mints API keys) and billing's read-only operator token: one Secret each. */
    private static final String ADMIN_SECRET = "caas-admin";
    private static final String BILLING_OPERATOR_SECRET = "caas-billing-operator";

    /** A placeholder says so; a bare lower-case word is a user or role name, not a credential. */
    private static final Pattern PLACEHOLDER = Pattern.compile(".*dev-only.*|[a-z][a-z0-9_]{0,30}");

    @BeforeAll
    static void needsKubectl() {
        assumeTrue(Manifests.kubectlAvailable(), "kubectl is not installed; .ci/run installs it");
    }

    static boolean looksReal(String value) {
        return !PLACEHOLDER.matcher(value).matches();
    }

    @Test
    void theCheckFlagsKeysPasswordsAndTokensButNotPlaceholders() {
        assertThat(looksReal("-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----")).isTrue();
        assertThat(looksReal("s3cr3t-Passw0rd!")).isTrue();
        assertThat(looksReal("ck_3f9a1c2b4d5e6f70_Zx8kq2LmPq9rT0uVwXyZaBcDeFgHiJkLmNoPqRsTuVw")).isTrue();
        assertThat(looksReal("dev-only-admin-token")).isFalse();
        assertThat(looksReal("billing")).isFalse();
    }

    /**
     * A dev cluster starts: every token and pepper its services read passes their boot check. So does every other
     * credential, and none is used twice (one leaked value opens one door).
     */
    @Test
    void everyDevCredentialPassesTheBootCheckAndIsUsedOnce() throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render("overlays/dev"));
        Map<String, String> credentials = new TreeMap<>();
        for (Secret secret : Manifests.ofKind(objects, Secret.class)) {
            values(secret).forEach((key, value) -> {
                if (!key.equals("username")) {
                    credentials.put(secret.getMetadata().getName() + "/" + key, value);
                }
            });
        }
        Set<String> checkedAtBoot = new TreeSet<>();
        Manifests.podTemplates(objects).values().forEach(template -> template.getSpec().getContainers().forEach(container -> container.getEnv().stream()
                .filter(env -> env.getName().matches("CAAS_.*_(TOKEN|PEPPER)") && env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .forEach(env -> checkedAtBoot.add(env.getValueFrom().getSecretKeyRef().getName() + "/" + env.getValueFrom().getSecretKeyRef().getKey()))));
        assertThat(checkedAtBoot).contains(ADMIN_SECRET + "/token", BILLING_OPERATOR_SECRET + "/token", "caas-auth-keys/api-key-pepper");
        assertThat(credentials).containsKeys(checkedAtBoot.toArray(String[]::new));
        credentials.forEach((name, value) -> assertThatCode(() -> SecretStrength.require(name, value)).doesNotThrowAnyException());
        assertThat(new HashSet<>(credentials.values())).as("distinct values").hasSameSizeAs(credentials.values());
    }

    @Test
    void everyValueOfEverySecretInTheRepoIsAPlaceholder() throws Exception {
        for (String overlay : List.of("overlays/dev", "overlays/prod")) {
            for (Secret secret : Manifests.ofKind(Manifests.parse(Manifests.render(overlay)), Secret.class)) {
                values(secret).forEach((key, value) -> assertThat(looksReal(value))
                        .as("%s: Secret %s key %s holds a real-looking value", overlay, secret.getMetadata().getName(), key)
                        .isFalse());
            }
        }
    }

    @Test
    void prodBringsNoSecretOfItsOwn() throws Exception {
        assertThat(Manifests.ofKind(Manifests.parse(Manifests.render("overlays/prod")), Secret.class)).isEmpty();
    }

    /** Whoever holds billing's Secret may read usage, not mint API keys: auth's admin Secret reaches auth only. */
    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void billingReadsWithItsOwnOperatorTokenAndOnlyAuthHoldsTheAdminToken(String overlay) throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render(overlay));
        assertThat(secretOfEnv(deployment(objects, "caas-auth"), "CAAS_AUTH_ADMIN_TOKEN")).isEqualTo(ADMIN_SECRET + "/token");
        Deployment billing = deployment(objects, "caas-billing");
        assertThat(secretOfEnv(billing, "CAAS_BILLING_OPERATOR_TOKEN")).isEqualTo(BILLING_OPERATOR_SECRET + "/token");
        assertThat(billing.getSpec().getTemplate().getSpec().getContainers()).flatExtracting(Container::getEnv)
                .extracting(EnvVar::getName).doesNotContain("CAAS_BILLING_ADMIN_TOKEN");
        Manifests.podTemplates(objects).forEach((workload, template) -> {
            if (!workload.equals("Deployment caas-auth")) {
                assertThat(secretsReferenced(template)).as(overlay + " " + workload).doesNotContain(ADMIN_SECRET);
            }
        });
    }

    /** Prod brings no Secret: the README's list of what to create is the whole list. */
    @Test
    void theReadmeNamesEverySecretProdPodsNeed() throws Exception {
        String readme = Files.readString(Manifests.K8S.resolve("README.md"));
        Set<String> needed = new TreeSet<>();
        Manifests.podTemplates(Manifests.parse(Manifests.render("overlays/prod"))).values().forEach(t -> needed.addAll(secretsReferenced(t)));
        assertThat(needed).contains(ADMIN_SECRET, BILLING_OPERATOR_SECRET)
                .allSatisfy(name -> assertThat(readme).as("k8s/README.md names Secret " + name).contains("`" + name + "`"));
    }

    @Test
    void devAdminAndBillingOperatorTokensAreDifferentValues() throws Exception {
        Map<String, Secret> secrets = new HashMap<>();
        Manifests.ofKind(Manifests.parse(Manifests.render("overlays/dev")), Secret.class)
                .forEach(secret -> secrets.put(secret.getMetadata().getName(), secret));
        assertThat(values(secrets.get(BILLING_OPERATOR_SECRET)).get("token")).isNotBlank()
                .isNotEqualTo(values(secrets.get(ADMIN_SECRET)).get("token"));
    }

    /** What kubectl apply -k overlays/dev needs to start every pod: each referenced key exists. */
    @Test
    void devBringsEverySecretAndConfigMapKeyItsPodsReference() throws Exception {
        List<HasMetadata> objects = Manifests.parse(Manifests.render("overlays/dev"));
        Map<String, Set<String>> secrets = new HashMap<>();
        Manifests.ofKind(objects, Secret.class).forEach(s -> secrets.put(s.getMetadata().getName(), values(s).keySet()));
        Map<String, Set<String>> configMaps = new HashMap<>();
        Manifests.ofKind(objects, ConfigMap.class).forEach(c -> configMaps.put(c.getMetadata().getName(), c.getData().keySet()));

        List<String> missing = new ArrayList<>();
        Manifests.podTemplates(objects).forEach((workload, template) -> {
            for (Container container : template.getSpec().getContainers()) {
                for (EnvVar env : container.getEnv()) {
                    var source = env.getValueFrom();
                    if (source != null && source.getSecretKeyRef() != null) {
                        require(workload, "Secret", secrets, source.getSecretKeyRef().getName(), source.getSecretKeyRef().getKey(), missing);
                    }
                    if (source != null && source.getConfigMapKeyRef() != null) {
                        require(workload, "ConfigMap", configMaps, source.getConfigMapKeyRef().getName(), source.getConfigMapKeyRef().getKey(), missing);
                    }
                }
            }
            volumes(template).forEach(volume -> {
                if (volume.getSecret() != null && !Boolean.TRUE.equals(volume.getSecret().getOptional())) {
                    require(workload, "Secret", secrets, volume.getSecret().getSecretName(), null, missing);
                }
                if (volume.getConfigMap() != null) {
                    require(workload, "ConfigMap", configMaps, volume.getConfigMap().getName(), null, missing);
                }
            });
        });
        assertThat(missing).isEmpty();
    }

    private static void require(String workload, String kind, Map<String, Set<String>> present, String name, String key, List<String> missing) {
        Set<String> keys = present.get(name);
        if (keys == null || (key != null && !keys.contains(key))) {
            missing.add(workload + " needs " + kind + " " + name + (key == null ? "" : " key " + key));
        }
    }

    private static Deployment deployment(List<HasMetadata> objects, String name) {
        return Manifests.ofKind(objects, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no Deployment " + name));
    }

    /** "secret/key" of the variable, or null if it does not come from a Secret. */
    private static String secretOfEnv(Deployment deployment, String variable) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream().flatMap(c -> c.getEnv().stream())
                .filter(env -> env.getName().equals(variable) && env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .map(env -> env.getValueFrom().getSecretKeyRef().getName() + "/" + env.getValueFrom().getSecretKeyRef().getKey())
                .findFirst().orElse(null);
    }

    /** Every Secret a pod can read: through env, envFrom or a volume (projected ones included). */
    private static Set<String> secretsReferenced(PodTemplateSpec template) {
        Set<String> names = new TreeSet<>();
        List<Container> containers = new ArrayList<>(template.getSpec().getContainers());
        if (template.getSpec().getInitContainers() != null) {
            containers.addAll(template.getSpec().getInitContainers());
        }
        for (Container container : containers) {
            if (container.getEnv() != null) {
                container.getEnv().stream().filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                        .forEach(env -> names.add(env.getValueFrom().getSecretKeyRef().getName()));
            }
            if (container.getEnvFrom() != null) {
                container.getEnvFrom().stream().filter(from -> from.getSecretRef() != null).forEach(from -> names.add(from.getSecretRef().getName()));
            }
        }
        for (Volume volume : volumes(template)) {
            if (volume.getSecret() != null) {
                names.add(volume.getSecret().getSecretName());
            }
            if (volume.getProjected() != null) {
                volume.getProjected().getSources().stream().filter(source -> source.getSecret() != null)
                        .forEach(source -> names.add(source.getSecret().getName()));
            }
        }
        return names;
    }

    private static List<Volume> volumes(PodTemplateSpec template) {
        return template.getSpec().getVolumes() == null ? List.of() : template.getSpec().getVolumes();
    }

    private static Map<String, String> values(Secret secret) {
        Map<String, String> values = new HashMap<>();
        if (secret.getStringData() != null) {
            values.putAll(secret.getStringData());
        }
        if (secret.getData() != null) {
            secret.getData().forEach((key, value) -> values.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
        }
        return values;
    }
}
