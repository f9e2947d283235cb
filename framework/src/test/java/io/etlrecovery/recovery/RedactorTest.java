package io.etlrecovery.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;

class RedactorTest {

    private final Redactor redactor = Redactor.defaults();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            password=            | login with password=s3cr3t! failed          | login with password=*** failed
            pwd=                 | Server=db;Uid=etl;Pwd=Tr0ub4dor3!;Encrypt=yes | Server=db;Uid=etl;Pwd=***;Encrypt=yes
            secret:              | secret: hunter2                              | secret: ***
            token=               | retrying with token=ghp_16C7e42F292c6912E7710c838347Ae178B4a | retrying with token=***
            api_key              | GET /v1/rates?base=EUR&api_key=9f2c1a7b&symbols=USD | GET /v1/rates?base=EUR&api_key=***&symbols=USD
            apikey               | apikey = 'abc 123'                           | apikey = '***'
            access_key           | access_key=AKIDEXAMPLE1                      | access_key=***
            client_secret        | client_id=etl&client_secret=xYz-789_abc      | client_id=etl&client_secret=***
            credentials          | credentials=etl:pa55                         | credentials=***
            prefixed key         | spring.datasource.password: changeit         | spring.datasource.password: ***
            env var              | export DB_PASSWORD=changeit                  | export DB_PASSWORD=***
            JSON                 | {"user":"etl","password":"s3cr3t","port":5432} | {"user":"etl","password":"***","port":5432}
            JSON escaped quote   | {"password": "a\\"b"}                        | {"password": "***"}
            python dict          | {'user': 'etl', 'secret': 'x y z'}           | {'user': 'etl', 'secret': '***'}
            record toString      | DbConfig[url=jdbc:h2:mem:x, password=s3cr3t] | DbConfig[url=jdbc:h2:mem:x, password=***]
            postgres URL         | postgresql://etl:s3cr3t@db.internal:5432/warehouse | postgresql://etl:***@db.internal:5432/warehouse
            https URL            | fetching https://bob:p@ss@files.example.com/in.csv | fetching https://bob:***@files.example.com/in.csv
            mongodb+srv URL      | mongodb+srv://etl:pw123@cluster0.mongodb.net/db | mongodb+srv://etl:***@cluster0.mongodb.net/db
            JDBC query           | jdbc:postgresql://db/warehouse?user=etl&password=s3cr3t&ssl=true | jdbc:postgresql://db/warehouse?user=etl&password=***&ssl=true
            H2 URL               | jdbc:h2:file:/data/etl;USER=etl;PASSWORD=s3cr3t;AUTO_SERVER=TRUE | jdbc:h2:file:/data/etl;USER=etl;PASSWORD=***;AUTO_SERVER=TRUE
            bearer header        | Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJldGwifQ.c2ln | Authorization: Bearer ***
            basic header         | -H 'Authorization: Basic ZXRsOnMzY3IzdA==' | -H 'Authorization: Basic ***'
            JSON auth header     | {"Authorization":"Bearer abc.def.123"}       | {"Authorization":"Bearer ***"}
            bare bearer          | sent Bearer ya29.A0ARrdaM-k9Lx and got 401   | sent Bearer *** and got 401
            AWS key id           | key id AKIAIOSFODNN7EXAMPLE was rejected     | key id AKIA*** was rejected
            AWS session key id   | using ASIAY34FZKBOKMUTVV7A                   | using ASIA***
            AWS secret           | aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY | aws_secret_access_key=***
            """)
    void redactsSecretsAndKeepsWhatTheyWere(String label, String input, String expected) {
        assertEquals(expected, redactor.redact(input));
    }

    @Test
    void redactsAPasswordInAUrlInsideARealH2FailureMessage() {
        SQLException h2 = RealFailures.h2("select * from missing_table");
        String flyway = "Unable to obtain connection from database (jdbc:h2:tcp://db.internal:9092/etl;USER=etl;"
                + "PASSWORD=s3cr3t) for user 'etl': " + h2.getMessage();
        String redacted = redactor.redact(flyway);
        assertFalse(redacted.contains("s3cr3t"), redacted);
        assertTrue(redacted.contains("PASSWORD=***)"), redacted);
        assertTrue(redacted.endsWith(h2.getMessage()), "the H2 part is untouched: " + redacted);
    }

    @Test
    void redactsAJsonConfigurationDump() {
        String dump = """
                {
                  "source": {"path": "/data/in/orders.csv", "delimiter": ","},
                  "sink": {
                    "url": "jdbc:postgresql://etl:pg-s3cr3t@db:5432/dw",
                    "password" : "s3cr3t",
                    "credentials": {"user": "etl", "apiKey": "k-123"}
                  },
                  "alerts": {"webhookToken": "xoxb-1111-2222"}
                }""";
        String redacted = redactor.redact(dump);
        for (String secret : new String[] {"pg-s3cr3t", "\"s3cr3t\"", "k-123", "xoxb-1111-2222"}) {
            assertFalse(redacted.contains(secret), secret + " left in " + redacted);
        }
        assertTrue(redacted.contains("\"password\" : \"***\""), redacted);
        assertTrue(redacted.contains("\"credentials\": {\"user\": \"etl\", \"apiKey\": \"***\"}"), redacted);
        assertTrue(redacted.contains("\"path\": \"/data/in/orders.csv\""), redacted);
    }

    @Test
    void redactsACurlStyleHeaderDump() {
        String dump = """
                > POST /v1/orders HTTP/1.1
                > Host: api.example.com
                > Authorization: Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig
                > X-Api-Key: 4f9c2e1d7a
                > Cookie: theme=dark
                < HTTP/1.1 401 Unauthorized""";
        String redacted = redactor.redact(dump);
        assertEquals("""
                > POST /v1/orders HTTP/1.1
                > Host: api.example.com
                > Authorization: Bearer ***
                > X-Api-Key: ***
                > Cookie: theme=dark
                < HTTP/1.1 401 Unauthorized""", redacted);
    }

    @Test
    void redactsAMultiLineStackTraceWithoutManglingItsFrames() {
        String trace = """
                io.etlrecovery.store.StoreException: cannot open jdbc:postgresql://etl:s3cr3t@db/dw
                \tat io.etlrecovery.store.Store.open(Store.java:88)
                \tat com.example.auth.TokenService.refresh(TokenService.java:42)
                Caused by: org.postgresql.util.PSQLException: FATAL: password authentication failed for user "etl"
                \tat org.postgresql.core.v3.ConnectionFactoryImpl.doAuthentication(ConnectionFactoryImpl.java:693)
                \t... 12 more""";
        String redacted = redactor.redact(trace);
        assertEquals(trace.replace("etl:s3cr3t@", "etl:***@"), redacted);
    }

    @Test
    void redactsPemPrivateKeysAcrossLinesAndWhenCutOff() {
        String pem = """
                loading key -----BEGIN RSA PRIVATE KEY-----
                MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
                VTLw7onLRnrq0/IzW7yWR7QkrmBL7jTKEn5u+qKhbwKfBstIs+bMY2Zkp18gnTxK
                -----END RSA PRIVATE KEY----- done""";
        assertEquals("loading key -----BEGIN RSA PRIVATE KEY-----***-----END RSA PRIVATE KEY----- done",
                redactor.redact(pem));
        String cut = "key: \"-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC";
        String redacted = redactor.redact(cut);
        assertFalse(redacted.contains("MIIEvQ"), redacted);
    }

    @Test
    void leavesTextWithTriggerWordsButNoSecretsAlone() {
        String[] harmless = {
                "Invalid character between encapsulated token and delimiter at line: 1, position: 6",
                "FATAL: password authentication failed for user \"etl\"",
                "Unique index or primary key violation: \"PRIMARY KEY ON PUBLIC.T(ID) ( /* key:1 */ 1)\"",
                "missing bearer authentication",
                "at com.example.auth.ApiKeyStore.load(ApiKeyStore.java:12)",
                "mail bob@example.com about it"};
        for (String text : harmless) {
            assertSame(text, redactor.redact(text), text);
        }
    }

    @Test
    void textWithoutAnyTriggerIsReturnedAsTheSameInstance() {
        String plain = "Value too long for column \"NAME CHARACTER VARYING(5)\": \"'abcdefghij' (10)\"";
        assertFalse(Redactor.mayContainSecret(plain));
        assertSame(plain, redactor.redact(plain));
        assertTrue(Redactor.mayContainSecret("x PaSsWoRd"));
        assertNull(redactor.redact(null));
        assertEquals("", redactor.redact(""));
    }

    @Test
    void redactingTwiceChangesNothingMore() {
        String once = redactor.redact("password=s3cr3t url=https://u:p@h/x Authorization: Basic abc AKIAIOSFODNN7EXAMPLE");
        assertEquals(once, redactor.redact(once));
    }

    @Test
    void addedPatternsRunAfterTheDefaultsEvenWithoutATriggerWord() {
        Redactor withIban = Redactor.builder().addPattern("\\b([A-Z]{2})\\d{2}[A-Z0-9]{11,30}\\b", "$1<iban>").build();
        assertEquals("pay DE<iban> now, password=***",
                withIban.redact("pay DE89370400440532013000 now, password=x"));
        Redactor onlyCustom = Redactor.builder().withoutDefaults().addPattern("\\d{3}-\\d{2}-\\d{4}", "\\$SSN").build();
        assertEquals("ssn $SSN password=x", onlyCustom.redact("ssn 123-45-6789 password=x"));
    }

    @Test
    void badCustomPatternsAreRefusedNamingTheParameter() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Redactor.builder().addPattern("(", "x"))
                .getMessage().startsWith("regex:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Redactor.builder().addPattern("", "x"))
                .getMessage().startsWith("regex:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Redactor.builder().addPattern("(a)", "$2"))
                .getMessage().startsWith("replacement:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Redactor.builder().addPattern("a", "5$"))
                .getMessage().startsWith("replacement:"));
    }
}
