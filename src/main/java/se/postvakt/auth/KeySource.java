package se.postvakt.auth;

import com.nimbusds.jose.jwk.RSAKey;

/** Finds the RSA public key that signed a token, by its {@code kid}. */
public interface KeySource {
    /** The key with this id, or null when it is not (or not yet) known. */
    RSAKey find(String kid);
}
