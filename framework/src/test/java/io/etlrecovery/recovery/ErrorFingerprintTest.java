package io.etlrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorFingerprintTest {

    private static final String NFE = "java.lang.NumberFormatException";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            uuid           | run 3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b failed       | run <uuid> failed
            ISO timestamp  | at 2024-03-05T14:07:33.123Z the batch stopped         | at <time> the batch stopped
            offset time    | started 2024-03-05 14:07:33+01:00                     | started <time>
            date           | no rate for 2024-02-29                                | no rate for <time>
            time of day    | window closed at 23:59:59                             | window closed at <time>
            e-mail         | customer bob.smith+eu@example.co.uk is blocked        | customer <email> is blocked
            URL            | GET https://api.example.com/v1/orders?page=3 failed   | GET <url> failed
            unix path      | cannot read /data/in/2024/orders-0042.csv now         | cannot read <path> now
            home path      | cannot read ~/exports/orders.csv                      | cannot read <path>
            windows path   | cannot read C:\\data\\in\\orders.csv                  | cannot read <path>
            single quotes  | invalid value 'abc' for qty                           | invalid value <str> for qty
            double quotes  | Table "ORDERS_STAGING" not found                      | Table <str> not found
            apostrophe     | can't parse 'x'                                       | can't parse <str>
            hex 0x         | bad byte 0x1F at offset 12                            | bad byte <hex> at offset <n>
            hex digest     | checksum 9f86d081884c7d65 mismatch                    | checksum <hex> mismatch
            integers       | row 17 of batch 3                                     | row <n> of batch <n>
            decimal        | amount -3.50 below 0.01                               | amount <n> below <n>
            glued digits   | column v2 of orders_2024                              | column v2 of orders_2024
            H2 code        | Division by zero [22012-252]                          | Division by zero [<n>-<n>]
            host and port  | connect to localhost:5432 refused                     | connect to localhost:<n> refused
            whitespace     | ~  a \t\t b \n c  ~                                   | a b c
            """)
    void normalizeReplacesVariablePartsWithPlaceholders(String label, String message, String expected) {
        assertEquals(expected, ErrorFingerprint.normalize(message.replace("\\t", "\t").replace("\\n", "\n")));
    }

    @Test
    void normalizeOfNullIsEmptyAndTheResultIsCapped() {
        assertEquals("", ErrorFingerprint.normalize(null));
        String normalized = ErrorFingerprint.normalize("word ".repeat(1000));
        assertEquals(ErrorFingerprint.MAX_NORMALIZED_LENGTH, normalized.length() + 1, normalized); // trailing space stripped
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            ids and numbers | record 17 failed: qty -3 < 0                       | record 90211 failed: qty -12 < 0
            uuids           | run 3f2b8c1e-9d4a-4e6b-8f0a-1c2d3e4f5a6b failed    | run 00000000-0000-4000-8000-000000000001 failed
            quoted values   | invalid value 'abc' for field "qty"                | invalid value '12,5 kg' for field "amount"
            paths           | cannot read /data/in/orders-0001.csv               | cannot read /mnt/other/x.csv
            timestamps      | no rate at 2024-03-05T14:07:33Z                    | no rate at 2025-12-31T23:59:59.999+01:00
            e-mails         | customer bob@example.com blocked                   | customer alice.jones@example.org blocked
            urls            | GET https://a.example.com/x?id=1 failed            | GET http://b.example.org/y failed
            hex             | object 0x7f3a9c locked                             | object 0x0 locked
            """)
    void messagesDifferingOnlyInVariablePartsShareAFingerprint(String label, String first, String second) {
        assertEquals(ErrorFingerprint.of(ErrorCategory.DATA, NFE, "parse", first),
                ErrorFingerprint.of(ErrorCategory.DATA, NFE, "parse", second));
    }

    @Test
    void differentClassesCategoriesStepsOrShapesGiveDifferentFingerprints() {
        String base = ErrorFingerprint.of(ErrorCategory.DATA, NFE, "parse", "For input string: \"12x\"");
        assertNotEquals(base, ErrorFingerprint.of(ErrorCategory.DATA, "java.time.format.DateTimeParseException",
                "parse", "For input string: \"12x\""));
        assertNotEquals(base, ErrorFingerprint.of(ErrorCategory.UNKNOWN, NFE, "parse", "For input string: \"12x\""));
        assertNotEquals(base, ErrorFingerprint.of(ErrorCategory.DATA, NFE, "load", "For input string: \"12x\""));
        assertNotEquals(base, ErrorFingerprint.of(ErrorCategory.DATA, NFE, "parse", "multiple points"));
    }

    @Test
    void fieldsCannotRunIntoEachOther() {
        assertNotEquals(ErrorFingerprint.of(ErrorCategory.DATA, "a.B", "cd", "m"),
                ErrorFingerprint.of(ErrorCategory.DATA, "a.Bc", "d", "m"));
    }

    @Test
    void aFingerprintIs32LowerCaseHexCharactersAndNullStepOrMessageCountAsEmpty() {
        String fp = ErrorFingerprint.of(ErrorCategory.TRANSIENT, "java.net.ConnectException", null, null);
        assertTrue(fp.matches("[0-9a-f]{32}"), fp);
        assertEquals(fp, ErrorFingerprint.of(ErrorCategory.TRANSIENT, "java.net.ConnectException", "", ""));
    }

    @Test
    void categoryAndExceptionClassAreRequired() {
        assertThrows(NullPointerException.class, () -> ErrorFingerprint.of(null, NFE, "s", "m"));
        assertThrows(NullPointerException.class, () -> ErrorFingerprint.of(ErrorCategory.DATA, null, "s", "m"));
    }
}
