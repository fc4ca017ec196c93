package dev.invoices.pdf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit test: filenames for Content-Disposition, and If-None-Match against an ETag. */
class PdfResponsesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ST-2024-10-0042       | inline; filename="ST-2024-10-0042.pdf"
            INV 7/2025            | inline; filename="INV_7_2025.pdf"; filename*=UTF-8''INV%207_2025.pdf
            ../../etc/passwd      | inline; filename="etc_passwd.pdf"; filename*=UTF-8''_.._etc_passwd.pdf
            Fatura-İstanbul       | inline; filename="Fatura-_stanbul.pdf"; filename*=UTF-8''Fatura-%C4%B0stanbul.pdf
            a"b;c                 | inline; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%3Bc.pdf
            ¥¥¥                   | inline; filename="invoice.pdf"; filename*=UTF-8''%C2%A5%C2%A5%C2%A5.pdf
            """)
    void aStatementNumber_becomesASafeFilename(String number, String header) {
        assertEquals(header, PdfResponses.contentDisposition(number));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            null                   | false
            ''                     | false
            "a-v1-pdf1"            | true
            W/"a-v1-pdf1"          | true
            "x", "a-v1-pdf1"       | true
            *                      | true
            "a-v2-pdf1"            | false
            a-v1-pdf1              | false
            """)
    void ifNoneMatch_matchesTheTag_weakly(String header, boolean matches) {
        assertEquals(matches, PdfResponses.matches(header, "\"a-v1-pdf1\""));
    }
}
