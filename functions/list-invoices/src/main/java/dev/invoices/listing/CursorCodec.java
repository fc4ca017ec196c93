package dev.invoices.listing;

import dev.invoices.error.InvalidCursorException;
import dev.invoices.priming.FreshRandom;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a DynamoDB {@code LastEvaluatedKey} (attribute name → string value) into the opaque {@code next_page}
 * token of the list route, and back.
 *
 * <p>A token is base64url without padding of {@code version (1 byte) ‖ nonce (12 bytes) ‖ AES-256-GCM
 * ciphertext with its 128-bit tag}. Why each part:
 * <ul>
 *   <li><b>Encrypted, not just signed</b>: the key names and values (invoice ids, customer ids, dates) are
 *       table internals; a client should neither read them nor build its own cursors.</li>
 *   <li><b>AES-GCM</b>: authenticated encryption from the JDK alone; any altered byte fails the tag, so
 *       tampering is detected without a separate MAC.</li>
 *   <li><b>Binding as associated data</b>: the caller passes a string naming the query (customer, filters,
 *       sort). It is authenticated but not stored, so a token opens only under exactly the same binding and
 *       costs no bytes for it; a cursor from another customer or query fails like a forged one.</li>
 *   <li><b>Version byte</b>, also authenticated, so the format and the key derivation can change later
 *       without old tokens being misread.</li>
 *   <li><b>Random 96-bit nonce</b> from the container's {@link FreshRandom} (a new {@link SecureRandom} after
 *       each SnapStart restore): GCM's native nonce size; tokens of the same position differ, so they reveal
 *       nothing by equality. Random nonces are safe far beyond the
 *       number of cursors one secret will ever seal (the usual bound is about 2<sup>32</sup> per key).</li>
 *   <li><b>Derived key</b>: HMAC-SHA256 of a fixed, versioned label keyed by the configured secret, so the
 *       raw secret is never the cipher key and yields 256 bits whatever its length.</li>
 *   <li><b>base64url without padding</b>: goes into a query string with no escaping.</li>
 *   <li><b>Compact plaintext</b>: an entry count, then each name and value with {@code writeUTF} in sorted
 *       name order, because tokens travel in URLs; sorted order makes the encoding canonical, and decoding
 *       accepts only that canonical form.</li>
 * </ul>
 *
 * <p>{@link #decode} throws {@link InvalidCursorException} for any fault of the token, always with the same
 * message, so that probing teaches nothing about why a token failed.
 *
 * <p>Build one per container with {@link #fromSecret} and share it: it is immutable and thread-safe (a
 * {@link Cipher} is not, so each call gets its own).
 */
public final class CursorCodec {
    /** Tokens longer than this are rejected before any decoding, so that huge inputs cost nothing. */
    public static final int MAX_TOKEN_LENGTH = 1024;
    /** Characters a secret needs at least, so that the derived key cannot be guessed by brute force. */
    public static final int MIN_SECRET_LENGTH = 32;

    private static final byte VERSION = 1;
    private static final String KDF_LABEL = "invoices-cursor-v1";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER_BYTES = 1 + NONCE_BYTES;
    /** A DynamoDB key has at most four attributes (table and index, partition and sort); room to spare. */
    private static final int MAX_ENTRIES = 8;

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64URL_DECODER = Base64.getUrlDecoder();

    private final SecretKey key;

    private CursorCodec(SecretKey key) {
        this.key = key;
    }

    /**
     * A codec whose key is derived from {@code secret} (UTF-8).
     *
     * @throws IllegalArgumentException if the secret is null or shorter than {@value #MIN_SECRET_LENGTH}
     *     characters; the message never contains the secret, since it may end up in a log
     */
    public static CursorCodec fromSecret(String secret) {
        if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(
                    "The cursor secret must have at least " + MIN_SECRET_LENGTH + " characters");
        }
        byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
        byte[] keyBytes = null;
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secretBytes, "HmacSHA256"));
            keyBytes = hmac.doFinal(KDF_LABEL.getBytes(StandardCharsets.UTF_8));
            return new CursorCodec(new SecretKeySpec(keyBytes, "AES"));
        } catch (GeneralSecurityException e) {
            // Every JDK ships HmacSHA256; reaching this means a broken runtime, not a bad secret.
            throw new IllegalStateException("HmacSHA256 is not available", e);
        } finally {
            // SecretKeySpec keeps its own copy; do not leave key material lying around in these arrays.
            Arrays.fill(secretBytes, (byte) 0);
            if (keyBytes != null) {
                Arrays.fill(keyBytes, (byte) 0);
            }
        }
    }

    /**
     * Seals a position for the query named by {@code binding}.
     *
     * @param position the {@code LastEvaluatedKey}: 1 to {@value #MAX_ENTRIES} entries, non-empty names,
     *     no nulls
     * @param binding everything that defines the query (customer, filters, sort), in a form the caller builds
     *     the same way every time
     * @throws IllegalArgumentException if the position breaks those rules or the token would exceed
     *     {@value #MAX_TOKEN_LENGTH} characters; both are bugs of the caller, not of a client
     */
    public String encode(Map<String, String> position, String binding) {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(binding, "binding");
        byte[] plaintext = serialize(position);
        byte[] nonce = new byte[NONCE_BYTES];
        FreshRandom.get().nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, binding);
            ByteBuffer token = ByteBuffer.allocate(HEADER_BYTES + cipher.getOutputSize(plaintext.length));
            token.put(VERSION).put(nonce);
            cipher.doFinal(ByteBuffer.wrap(plaintext), token);
            String encoded = BASE64URL.encodeToString(token.array());
            if (encoded.length() > MAX_TOKEN_LENGTH) {
                throw new IllegalArgumentException("The position is too large for a cursor");
            }
            return encoded;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * Opens a token sealed by {@link #encode} with the same secret and the same binding.
     *
     * @return the position, unmodifiable, with its names in sorted order
     * @throws InvalidCursorException if the token is null, empty, too long, not canonical base64url, of
     *     another version, too short, altered, sealed for another binding or with another secret, or holds a
     *     malformed position
     * @throws NullPointerException if {@code binding} is null: a bug of the caller, which must not look like
     *     a client's bad cursor
     */
    public Map<String, String> decode(String token, String binding) {
        Objects.requireNonNull(binding, "binding");
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH || !isBase64Url(token)) {
            throw new InvalidCursorException();
        }
        try {
            byte[] bytes = BASE64URL_DECODER.decode(token);
            // The decoder ignores the unused low bits of the last character; re-encoding rejects the
            // other spellings of the same bytes, so that a token has exactly one valid form.
            if (bytes.length < HEADER_BYTES + TAG_BITS / 8 || bytes[0] != VERSION
                    || !BASE64URL.encodeToString(bytes).equals(token)) {
                throw new InvalidCursorException();
            }
            byte[] nonce = Arrays.copyOfRange(bytes, 1, HEADER_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, binding);
            byte[] plaintext = cipher.doFinal(bytes, HEADER_BYTES, bytes.length - HEADER_BYTES);
            return deserialize(plaintext);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            // No cause attached: the reason a cursor failed is not for the client, and is never a server fault.
            throw new InvalidCursorException();
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String binding) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        // The version comes first and has a fixed width, so version and binding cannot run into each other.
        cipher.updateAAD(new byte[] {VERSION});
        cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static boolean isBase64Url(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static byte[] serialize(Map<String, String> position) {
        if (position.isEmpty() || position.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException(
                    "A position has 1 to " + MAX_ENTRIES + " entries, not " + position.size());
        }
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(128);
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(position.size());
            for (Map.Entry<String, String> entry : new TreeMap<>(position).entrySet()) {
                if (entry.getKey().isEmpty() || entry.getValue() == null) {
                    throw new IllegalArgumentException("A position has non-empty names and non-null values");
                }
                out.writeUTF(entry.getKey());
                out.writeUTF(entry.getValue());
            }
        } catch (IOException e) {
            // Only writeUTF's limit of 65535 bytes can get here; such a position would not fit a token anyway.
            throw new IllegalArgumentException("The position is too large for a cursor", e);
        }
        return buffer.toByteArray();
    }

    private static Map<String, String> deserialize(byte[] plaintext) throws IOException {
        ByteArrayInputStream buffer = new ByteArrayInputStream(plaintext);
        DataInputStream in = new DataInputStream(buffer);
        int count = in.readUnsignedByte();
        if (count < 1 || count > MAX_ENTRIES) {
            throw new IOException("entry count out of range");
        }
        Map<String, String> position = new LinkedHashMap<>();
        String previous = null;
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            String value = in.readUTF();
            // Strictly ascending names: the one canonical order, which also rules out duplicates.
            if (name.isEmpty() || (previous != null && previous.compareTo(name) >= 0)) {
                throw new IOException("names not strictly ascending");
            }
            position.put(name, value);
            previous = name;
        }
        if (buffer.available() != 0) {
            throw new IOException("trailing bytes");
        }
        return Collections.unmodifiableMap(position);
    }
}
