package io.caas.auth.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.Use;
import org.jose4j.jws.AlgorithmIdentifiers;

import io.caas.auth.config.AuthConfig;
import io.smallrye.jwt.util.KeyUtils;

/**
 * The RSA keys that sign tokens. All configured keys are published in the JWKS, one of them signs: during a
 * rotation the new key is added and made active while the old one stays published until its tokens expire.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);

    /** One key pair and its id. */
    public record SigningKey(String keyId, PrivateKey privateKey, RSAPublicKey publicKey) {
    }

    private final Map<String, SigningKey> keys = new LinkedHashMap<>();
    private final SigningKey active;
    private final String jwks;

    public SigningKeys(AuthConfig config) throws GeneralSecurityException {
        for (Map.Entry<String, String> entry : config.signing().keys().entrySet()) {
            keys.put(entry.getKey(), fromPem(entry.getKey(), entry.getValue()));
        }
        if (keys.isEmpty()) {
            SigningKey generated = generate();
            keys.put(generated.keyId(), generated);
            LOG.warnf("No signing keys configured: generated key %s for this process only; tokens will not verify "
                    + "after a restart. Configure caas.auth.signing.keys in production.", generated.keyId());
        }
        String activeId = config.signing().activeKeyId().orElseGet(() -> {
            if (keys.size() > 1) {
                throw new IllegalStateException("caas.auth.signing.active-key-id is required with several keys");
            }
            return keys.keySet().iterator().next();
        });
        active = keys.get(activeId);
        if (active == null) {
            throw new IllegalStateException("caas.auth.signing.active-key-id " + activeId + " is not a configured key");
        }
        jwks = publicKeySet(keys.values());
    }

    /** The key that signs new tokens. */
    public SigningKey active() {
        return active;
    }

    /** The public JWK Set as JSON: every key, active or still verifying older tokens. */
    public String jwks() {
        return jwks;
    }

    private static String publicKeySet(Iterable<SigningKey> keys) {
        JsonWebKeySet set = new JsonWebKeySet();
        for (SigningKey key : keys) {
            RsaJsonWebKey jwk = new RsaJsonWebKey(key.publicKey());
            jwk.setKeyId(key.keyId());
            jwk.setUse(Use.SIGNATURE);
            jwk.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            set.addJsonWebKey(jwk);
        }
        return set.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    private static SigningKey fromPem(String keyId, String pem) throws GeneralSecurityException {
        PrivateKey privateKey = KeyUtils.decodePrivateKey(pem);
        if (!(privateKey instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalStateException("Signing key " + keyId + " is not an RSA private key");
        }
        RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
        return new SigningKey(keyId, privateKey, publicKey);
    }

    private static SigningKey generate() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var pair = generator.generateKeyPair();
        return new SigningKey("generated-" + UUID.randomUUID().toString().substring(0, 8), pair.getPrivate(),
                (RSAPublicKey) pair.getPublic());
    }
}
