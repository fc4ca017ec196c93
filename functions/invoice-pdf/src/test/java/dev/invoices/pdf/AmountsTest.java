package dev.invoices.pdf;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Unit test: amounts, unit prices and quantities as the document writes them. */
class AmountsTest {
    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            1234.5            | USD | $1,234.50
            -50               | USD | -$50.00
            0                 | USD | $0.00
            1500              | JPY | ¥1,500
            0.5               | KWD | KWD 0.500
            1234567.891       | KWD | KWD 1,234,567.891
            12                | EUR | €12.00
            99.9              | GBP | £99.90
            1000              | INR | ₹1,000.00
            50000             | KRW | ₩50,000
            10                | TRY | ₺10.00
            7                 | CHF | CHF 7.00
            90071992547409.91 | USD | $90,071,992,547,409.91
            """)
    void money(String amount, String currency, String written) {
        assertEquals(written, Amounts.money(new BigDecimal(amount), currency));
    }

    @ParameterizedTest(name = "{0} {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            0.0005  | USD | $0.0005
            12      | USD | $12.00
            12.50   | USD | $12.50
            1250    | JPY | ¥1,250
            12.3455 | KWD | KWD 12.3455
            """)
    void unitPrice(String price, String currency, String written) {
        assertEquals(written, Amounts.unitPrice(new BigDecimal(price), currency));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1500000   | 1,500,000
            1234.50   | 1,234.5
            1E+3      | 1,000
            0.000001  | 0.000001
            """)
    void quantity(String quantity, String written) {
        assertEquals(written, Amounts.quantity(new BigDecimal(quantity)));
    }
}
