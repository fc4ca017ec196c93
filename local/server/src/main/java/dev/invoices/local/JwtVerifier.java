package dev.invoices.local;

import dev.invoices.json.Json;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What an HTTP API JWT authorizer does, for HS256 tokens signed with a shared secret: check the signature
 * (constant-time), the algorithm, {@code exp} and {@code nbf}, and hand the claims on as the authorizer does:
 * every value as a string, and the scopes from the {@code scope} claim (space-separated) or {@code scp}.
 */
final class JwtVerifier {
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_TOKEN_LENGTH = 8 * 1024;
    /** 9999-12-31T23:59:59Z: the last NumericDate a token may carry. */
    private static final BigDecimal LATEST_NUMERIC_DATE = BigDecimal.valueOf(253_402_300_799L);

    private final byte[] secret;
    private final Clock clock;

    JwtVerifier(String secret, Clock clock) {
        if (secret.isEmpty()) {
            throw LocalFailure.usage("--auth-secret must not be empty");
        }
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** The claims and scopes of a verified token, as the authorizer puts them into the event. */
    record Verified(Map<String, String> claims, List<String> scopes) {
    }

    /** @param authorization the {@code Authorization} header, or null; empty when the token is missing or bad */
    Optional<Verified> verify(String authorization) {
        if (authorization == null || authorization.length() > MAX_TOKEN_LENGTH) {
            return Optional.empty();
        }
        String[] scheme = authorization.strip().split(" +", 2);
        if (scheme.length != 2 || !scheme[0].toLowerCase(Locale.ROOT).equals("bearer")) {
            return Optional.empty();
        }
        String[] parts = scheme[1].split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            Map<String, Object> header = Json.readObject(utf8(parts[0]));
            if (!"HS256".equals(header.get("alg"))) {
                return Optional.empty();
            }
            byte[] expected = sign(parts[0] + "." + parts[1]);
            byte[] given = Base64.getUrlDecoder().decode(parts[2]);
            if (!MessageDigest.isEqual(expected, given)) {
                return Optional.empty();
            }
            Map<String, Object> payload = Json.readObject(utf8(parts[1]));
            BigDecimal now = BigDecimal.valueOf(clock.instant().getEpochSecond());
            if (!(timeClaim(payload, "exp").map(exp -> now.compareTo(exp) < 0).orElse(true)
                    && timeClaim(payload, "nbf").map(nbf -> now.compareTo(nbf) >= 0).orElse(true))) {
                return Optional.empty();
            }
            Map<String, String> claims = new LinkedHashMap<>();
            payload.forEach((name, value) -> claims.put(name, claimText(value)));
            return Optional.of(new Verified(claims, scopes(payload)));
        } catch (RuntimeException malformed) {
            return Optional.empty();
        }
    }

    /** A signed token with these claims: for tests and for the examples in docs/local-development.md. */
    static String sign(String secret, Map<String, Object> claims) {
        JwtVerifier signer = new JwtVerifier(secret, Clock.systemUTC());
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String head = encoder.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String body = encoder.encodeToString(JsonValues.write(claims).getBytes(StandardCharsets.UTF_8));
        return head + "." + body + "." + encoder.encodeToString(signer.sign(head + "." + body));
    }

    private byte[] sign(String signingInput) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    private static String utf8(String base64url) {
        return new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
    }

    /**
     * A NumericDate claim (RFC 7519: seconds since the epoch, fractions allowed), compared exactly: a value
     * before the epoch or after 9999-12-31 makes the token invalid rather than wrapping round to the past.
     */
    private static Optional<BigDecimal> timeClaim(Map<String, Object> payload, String name) {
        Object value = payload.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof BigDecimal number && number.signum() >= 0 && number.compareTo(LATEST_NUMERIC_DATE) <= 0) {
            return Optional.of(number);
        }
        throw new IllegalArgumentException(name + " is not a NumericDate");
    }

    /** HTTP API hands every claim on as a string; arrays as {@code [a b]}, as it writes them. */
    private static String claimText(Object value) {
        return switch (value) {
            case null -> "";
            case String text -> text;
            case BigDecimal number -> number.toPlainString();
            case List<?> list -> {
                List<String> items = new ArrayList<>();
                list.forEach(item -> items.add(claimText(item)));
                yield "[" + String.join(" ", items) + "]";
            }
            case Map<?, ?> map -> JsonValues.write(map);
            default -> value.toString();
        };
    }

    private static List<String> scopes(Map<String, Object> payload) {
        Object scope = payload.get("scope");
        if (scope == null) {
            scope = payload.get("scp");
        }
        if (scope instanceof String text) {
            return List.of(text.strip().split(" +")).stream().filter(s -> !s.isEmpty()).toList();
        }
        if (scope instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
