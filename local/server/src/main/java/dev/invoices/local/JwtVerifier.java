package dev.invoices.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.KeyLengthException;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an HTTP API JWT authorizer checks, for HS256 tokens signed with a shared secret, done by Nimbus JOSE+JWT
 * (Apache-2.0) rather than by hand: the signature and its algorithm, {@code iss} exactly, {@code aud} (or
 * {@code client_id} when the token has no {@code aud}, as Cognito's access tokens do) against the accepted
 * audiences, {@code exp} (required, after now), {@code nbf} (before now) and {@code iat} (not after now), with no
 * clock skew. The claims go on as the
 * authorizer passes them: every value as a string, and the scopes from the {@code scope} claim (space-separated)
 * or {@code scp}. API Gateway verifies RSA signatures against the issuer's keys; a shared secret is the local
 * stand-in for that, and everything after the signature is the same.
 */
final class JwtVerifier {
    private static final int MAX_TOKEN_LENGTH = 8 * 1024;
    /** 9999-12-31T23:59:59Z: the last NumericDate a token may carry; anything past it is not a date. */
    private static final BigDecimal LATEST_NUMERIC_DATE = BigDecimal.valueOf(253_402_300_799L);
    private static final List<String> TIME_CLAIMS = List.of("exp", "nbf", "iat");

    /**
     * How tokens are checked.
     *
     * @param secret    the HS256 key: at least 32 bytes, as RFC 7518 requires of a key for a 256-bit MAC
     * @param issuer    the {@code iss} every token must carry (the template's {@code JwtIssuer})
     * @param audiences the {@code aud} or {@code client_id} values accepted (the template's {@code JwtAudience})
     */
    record Settings(String secret, String issuer, List<String> audiences) {
        static final String DEFAULT_ISSUER = "https://auth.invoices.local";
        static final String DEFAULT_AUDIENCE = "invoices-local";

        Settings {
            audiences = List.copyOf(audiences);
            if (secret.getBytes(StandardCharsets.UTF_8).length < 32) {
                throw LocalFailure.usage("--auth-secret must be at least 32 bytes (an HS256 key, RFC 7518)");
            }
            if (issuer.isBlank() || audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
                throw LocalFailure.usage("--auth-issuer and --auth-audience must not be empty");
            }
        }

        static Settings withDefaults(String secret) {
            return new Settings(secret, DEFAULT_ISSUER, List.of(DEFAULT_AUDIENCE));
        }
    }

    /** The claims and scopes of a verified token, as the authorizer puts them into the event. */
    record Verified(Map<String, String> claims, List<String> scopes) {
    }

    private final Settings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    JwtVerifier(Settings settings, Clock clock) {
        this.settings = settings;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256,
                new ImmutableSecret<>(settings.secret().getBytes(StandardCharsets.UTF_8))));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(), Set.of("exp")) {
            @Override
            protected Date currentTime() {
                return Date.from(clock.instant());
            }

            @Override
            public void verify(JWTClaimsSet claimsSet, SecurityContext context) throws BadJWTException {
                super.verify(claimsSet, context);
                Date issuedAt = claimsSet.getIssueTime();
                if (issuedAt != null && issuedAt.after(currentTime())) {
                    throw new BadJWTException("iat is in the future");
                }
                if (!acceptedAudience(claimsSet)) {
                    throw new BadJWTException("no accepted audience");
                }
            }
        };
        claims.setMaxClockSkew(0);
        processor.setJWTClaimsSetVerifier(claims);
    }

    /** {@code aud} when the token has one, else {@code client_id}: one of them must be accepted. */
    private boolean acceptedAudience(JWTClaimsSet claims) throws BadJWTException {
        List<String> audience = claims.getAudience();
        if (!audience.isEmpty()) {
            return audience.stream().anyMatch(settings.audiences()::contains);
        }
        try {
            String clientId = claims.getStringClaim("client_id");
            return clientId != null && settings.audiences().contains(clientId);
        } catch (ParseException notAString) {
            throw new BadJWTException("client_id is not a string", notAString);
        }
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
        try {
            SignedJWT token = SignedJWT.parse(scheme[1]);
            Map<String, Object> payload = token.getPayload().toJSONObject();
            if (!numericDatesInRange(payload)) {
                return Optional.empty();
            }
            processor.process(token, null);
            // The claims as the token wrote them (a single aud stays a string), as the authorizer passes them on.
            Map<String, String> strings = new LinkedHashMap<>();
            payload.forEach((name, value) -> strings.put(name, claimText(value)));
            return Optional.of(new Verified(strings, scopes(payload.get("scope"), payload.get("scp"))));
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException invalid) {
            return Optional.empty();
        }
    }

    /**
     * The time claims as the token wrote them, before they become {@link Date}s: a value before the epoch or
     * after 9999-12-31 makes the token invalid, rather than wrapping round to a date in the past.
     */
    private static boolean numericDatesInRange(Map<String, Object> payload) {
        for (String name : TIME_CLAIMS) {
            Object value = payload.get(name);
            if (value == null) {
                continue;
            }
            if (!(value instanceof Number number)) {
                return false;
            }
            BigDecimal seconds = new BigDecimal(number.toString());
            if (seconds.signum() < 0 || seconds.compareTo(LATEST_NUMERIC_DATE) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A signed token with these claims, for tests and for the examples in docs/local-development.md; the
     * settings' issuer and first audience are added unless {@code claims} sets {@code iss} or {@code aud},
     * and {@code exp} an hour from now unless it sets one.
     */
    static String sign(Settings settings, Map<String, Object> claims) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("iss", settings.issuer());
        all.put("aud", settings.audiences().getFirst());
        all.put("exp", Clock.systemUTC().instant().getEpochSecond() + 3600);
        all.putAll(claims);
        all.values().removeIf(value -> value == null);
        try {
            // The payload as written, not through JWTClaimsSet, so that tests can sign claims no issuer should.
            JWSObject token = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                    new Payload(JsonValues.write(all)));
            token.sign(new MACSigner(settings.secret().getBytes(StandardCharsets.UTF_8)));
            return token.serialize();
        } catch (KeyLengthException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
    }

    /** HTTP API hands every claim on as a string; arrays as {@code [a b]}, as it writes them. */
    private static String claimText(Object value) {
        return switch (value) {
            case null -> "";
            case String text -> text;
            case List<?> list -> {
                List<String> items = new ArrayList<>();
                list.forEach(item -> items.add(claimText(item)));
                yield "[" + String.join(" ", items) + "]";
            }
            case Map<?, ?> map -> JsonValues.write(map);
            case Number number -> new BigDecimal(number.toString()).toPlainString();
            default -> value.toString();
        };
    }

    private static List<String> scopes(Object scope, Object scp) {
        Object claim = scope != null ? scope : scp;
        if (claim instanceof String text) {
            return List.of(text.strip().split(" +")).stream().filter(s -> !s.isEmpty()).toList();
        }
        if (claim instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
