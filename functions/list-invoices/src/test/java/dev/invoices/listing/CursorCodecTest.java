package dev.invoices.listing;

import dev.invoices.error.InvalidCursorException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Unit tests of the cursor codec: pure JDK, no DynamoDB. */
class CursorCodecTest {
    private static final String SECRET = "k3Jq9v-T0p-S3cret-For-Cursor-Tests-0123456789";
    private static final String BINDING = "customer=acme;status=FINALIZED,VOID;starting_on=;ending_before=;sort=date_asc";
    private static final Map<String, String> POSITION = Map.of(
            "pk", "INVOICE#inv_1",
            "customer_id", "acme-Ünïcødé-客户",
            "period_key", "2024-01-01T00:00:00.000000000Z#inv_1");
    private static final String ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String INVALID_CURSOR_MESSAGE = new InvalidCursorException().getMessage();

    private final CursorCodec codec = CursorCodec.fromSecret(SECRET);

    @Test
    void aRealisticPosition_roundTripsExactly() {
        // given
        String token = codec.encode(POSITION, BINDING);

        // when
        Map<String, String> decoded = codec.decode(token, BINDING);

        // then
        assertEquals(POSITION, decoded);
        assertEquals(List.of("customer_id", "period_key", "pk"), List.copyOf(decoded.keySet()));
        assertThrows(UnsupportedOperationException.class, () -> decoded.put("pk", "INVOICE#inv_2"));
    }

    @Test
    void aToken_isUrlSafeAndRevealsNoKeyOrValue() {
        // given
        String token = codec.encode(POSITION, BINDING);

        // when
        byte[] bytes = Base64.getUrlDecoder().decode(token);

        // then
        assertTrue(token.matches("[A-Za-z0-9_-]+"), token);
        assertTrue(token.length() <= CursorCodec.MAX_TOKEN_LENGTH);
        assertEquals(1, bytes[0]);
        for (Map.Entry<String, String> entry : POSITION.entrySet()) {
            assertFalse(contains(bytes, entry.getKey().getBytes(StandardCharsets.UTF_8)), entry.getKey());
            assertFalse(contains(bytes, entry.getValue().getBytes(StandardCharsets.UTF_8)), entry.getValue());
            assertFalse(contains(bytes, "inv_1".getBytes(StandardCharsets.UTF_8)));
            assertFalse(token.contains(entry.getValue()));
        }
    }

    @Test
    void twoEncodingsOfTheSamePosition_differButBothDecode() {
        // given
        String first = codec.encode(POSITION, BINDING);

        // when
        String second = codec.encode(POSITION, BINDING);

        // then
        assertNotEquals(first, second);
        assertEquals(POSITION, codec.decode(first, BINDING));
        assertEquals(POSITION, codec.decode(second, BINDING));
    }

    @Test
    void everySingleBitFlipOfAToken_isRejected() {
        // given
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(POSITION, BINDING));

        // when / then
        int attempts = 0;
        for (int position = 0; position < bytes.length; position++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] altered = bytes.clone();
                altered[position] ^= (byte) (1 << bit);
                assertRejected(encode(altered));
                attempts++;
            }
        }
        assertEquals(bytes.length * 8, attempts);
    }

    @Test
    void everyOneCharacterSubstitution_isRejected() {
        // given: includes the last character, whose unused low bits the JDK decoder would ignore
        String token = codec.encode(POSITION, BINDING);

        // when / then
        for (int i = 0; i < token.length(); i++) {
            for (char c : ALPHABET.toCharArray()) {
                if (c != token.charAt(i)) {
                    assertRejected(token.substring(0, i) + c + token.substring(i + 1));
                }
            }
        }
    }

    @Test
    void aTokenWithOneCharacterRemovedOrAppended_isRejected() {
        // given
        String token = codec.encode(POSITION, BINDING);

        // when / then
        for (int i = 0; i < token.length(); i++) {
            assertRejected(token.substring(0, i) + token.substring(i + 1));
        }
        for (char c : ALPHABET.toCharArray()) {
            assertRejected(token + c);
            assertRejected(c + token);
        }
    }

    @Test
    void aCursorFromAnotherQuery_isRejected() {
        // given
        String token = codec.encode(POSITION, BINDING);

        // when / then
        assertRejected(token, "customer=acme2;status=FINALIZED,VOID;starting_on=;ending_before=;sort=date_asc");
        assertRejected(token, BINDING.replace("date_asc", "date_desc"));
        assertRejected(token, BINDING.replace("FINALIZED,VOID", "VOID"));
        assertRejected(token, BINDING + " ");
        assertRejected(token, "");
        assertEquals(POSITION, codec.decode(token, BINDING));
    }

    @Test
    void aCursorSealedWithAnotherSecret_isRejected() {
        // given
        CursorCodec other = CursorCodec.fromSecret(SECRET + "!");
        String token = other.encode(POSITION, BINDING);

        // when / then
        assertRejected(token);
        assertEquals(POSITION, other.decode(token, BINDING));
    }

    @Test
    void aCursorOfAnotherVersion_isRejected() {
        // given
        byte[] bytes = Base64.getUrlDecoder().decode(codec.encode(POSITION, BINDING));

        // when / then
        for (int version : new int[] {0, 2, 0x7f, 0xff}) {
            byte[] altered = bytes.clone();
            altered[0] = (byte) version;
            assertRejected(encode(altered));
        }
    }

    @Test
    void garbageOfManyShapes_isRejected() {
        // given
        String token = codec.encode(POSITION, BINDING);
        String standardBase64 = Base64.getEncoder().withoutPadding()
                .encodeToString(Base64.getUrlDecoder().decode(token));
        List<String> garbage = new ArrayList<>(List.of(
                "", "abc", "null", "{}", "A".repeat(2000), "A".repeat(CursorCodec.MAX_TOKEN_LENGTH + 1),
                "A".repeat(CursorCodec.MAX_TOKEN_LENGTH),
                token + "=", token + "==", token.substring(0, 4) + "+" + token.substring(5),
                token.substring(0, 4) + "/" + token.substring(5),
                " " + token, token + " ", token + "\n", token.substring(0, 10) + "\t" + token.substring(10),
                "é" + token, token + "€", "客户", "\u0000", "%2B", token.replace('-', '+').replace('_', '/')));
        if (!standardBase64.equals(token)) {
            garbage.add(standardBase64);
        }
        Random random = new Random(42);
        for (int length : new int[] {0, 1, 2, 12, 13, 28, 29, 30, 45, 64, 100, 500, 767, 768}) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            garbage.add(encode(bytes));
            bytes = bytes.clone();
            if (length > 0) {
                bytes[0] = 1;
                garbage.add(encode(bytes));
            }
        }

        // when / then
        for (String candidate : garbage) {
            assertRejected(candidate);
        }
        assertThrows(InvalidCursorException.class, () -> codec.decode(null, BINDING));
    }

    @Test
    void aCorrectlySealedButMalformedPosition_isRejected() throws Exception {
        // given: plaintexts sealed exactly as the codec seals them, so only the position parser can object
        List<byte[]> malformed = List.of(
                new byte[0],
                plaintext(0),
                plaintext(1, "pk"),
                plaintext(1, "pk", "INVOICE#inv_1", "extra"),
                withTrailingByte(plaintext(1, "pk", "INVOICE#inv_1")),
                plaintext(2, "pk", "a", "pk", "b"),
                plaintext(2, "pk", "a", "customer_id", "b"),
                plaintext(1, "", "a"),
                plaintext(9, "a", "1", "b", "2", "c", "3", "d", "4", "e", "5", "f", "6", "g", "7", "h", "8", "i", "9"),
                new byte[] {1, 0, 2, (byte) 0xc3}); // a name that claims two bytes and ends after one
        String wellFormed = seal(plaintext(1, "pk", "INVOICE#inv_1"), BINDING);
        assertEquals(Map.of("pk", "INVOICE#inv_1"), codec.decode(wellFormed, BINDING));

        // when / then
        for (byte[] plaintext : malformed) {
            assertRejected(seal(plaintext, BINDING));
        }
    }

    @Test
    void aShortSecret_isRefusedWithoutRevealingIt() {
        // given
        String shortSecret = "s3cr3t-0f-thirty-one-characters";
        assertEquals(31, shortSecret.length());

        // when
        IllegalArgumentException refused =
                assertThrows(IllegalArgumentException.class, () -> CursorCodec.fromSecret(shortSecret));

        // then
        assertFalse(refused.getMessage().contains(shortSecret));
        assertFalse(refused.getMessage().contains("s3cr3t"));
        assertThrows(IllegalArgumentException.class, () -> CursorCodec.fromSecret(null));
        assertThrows(IllegalArgumentException.class, () -> CursorCodec.fromSecret(""));
        assertDoesNotThrow(() -> CursorCodec.fromSecret(shortSecret + "!"));
    }

    @Test
    void aPositionThatCannotBeACursor_isABugOfTheCaller() {
        // when / then
        assertThrows(IllegalArgumentException.class, () -> codec.encode(Map.of(), BINDING));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(Map.of("", "x"), BINDING));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(Map.of("pk", "x".repeat(800)), BINDING));
        assertThrows(NullPointerException.class, () -> codec.encode(POSITION, null));
        assertThrows(NullPointerException.class, () -> codec.decode(codec.encode(POSITION, BINDING), null));
    }

    @Test
    void eightThreadsEncodingAndDecodingAtOnce_allRoundTrip() throws Exception {
        // given
        int threads = 8;
        int roundsPerThread = 500;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            tasks.add(() -> {
                start.await();
                int ok = 0;
                for (int round = 0; round < roundsPerThread; round++) {
                    Map<String, String> position = Map.of(
                            "pk", "INVOICE#inv_" + thread + "_" + round,
                            "customer_id", "customer-" + thread,
                            "period_key", "2024-01-01T00:00:00.000000000Z#inv_" + thread + "_" + round);
                    String binding = "customer=customer-" + thread + ";sort=date_asc";
                    if (position.equals(codec.decode(codec.encode(position, binding), binding))) {
                        ok++;
                    }
                }
                return ok;
            });
        }

        // when
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (Callable<Integer> task : tasks) {
                results.add(pool.submit(task));
            }
            start.countDown();
        }

        // then
        for (Future<Integer> result : results) {
            assertEquals(roundsPerThread, result.get());
        }
    }

    private void assertRejected(String token) {
        assertRejected(token, BINDING);
    }

    private void assertRejected(String token, String binding) {
        InvalidCursorException rejected =
                assertThrows(InvalidCursorException.class, () -> codec.decode(token, binding), token);
        assertEquals(INVALID_CURSOR_MESSAGE, rejected.getMessage());
        assertNull(rejected.getCause());
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A count byte followed by the given strings, each with {@code writeUTF}: the codec's plaintext format. */
    private static byte[] plaintext(int count, String... strings) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(buffer)) {
            out.writeByte(count);
            for (String s : strings) {
                out.writeUTF(s);
            }
        }
        return buffer.toByteArray();
    }

    private static byte[] withTrailingByte(byte[] plaintext) {
        byte[] longer = Arrays.copyOf(plaintext, plaintext.length + 1);
        longer[plaintext.length] = 0;
        return longer;
    }

    /** Seals a plaintext as the codec documents: HMAC-SHA256 KDF, AES-256-GCM, AAD = version ‖ binding. */
    private static String seal(byte[] plaintext, String binding) throws GeneralSecurityException {
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] key = hmac.doFinal("invoices-cursor-v1".getBytes(StandardCharsets.UTF_8));
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(new byte[] {1});
        cipher.updateAAD(binding.getBytes(StandardCharsets.UTF_8));
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] token = new byte[1 + nonce.length + sealed.length];
        token[0] = 1;
        System.arraycopy(nonce, 0, token, 1, nonce.length);
        System.arraycopy(sealed, 0, token, 1 + nonce.length, sealed.length);
        return encode(token);
    }
}
