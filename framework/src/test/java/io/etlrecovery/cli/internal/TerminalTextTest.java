package io.etlrecovery.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TerminalTextTest {

    @Test
    void textWithoutControlsIsReturnedAsTheSameInstance() {
        String text = "Zürich\torders 42 – ok \\x1b";
        assertSame(text, TerminalText.safe(text));
        assertSame(text, TerminalText.safeMultiline(text));
    }

    @Test
    void escapeSequencesBecomeVisibleEscapes() {
        assertEquals("\\x1b[31mred\\x1b[0m \\x1b]0;title\\x07", TerminalText.safe("\u001b[31mred\u001b[0m \u001b]0;title\u0007"));
    }

    @Test
    void c1ControlsDelAndBidiOverridesAreEscaped() {
        assertEquals("a\\x9b2Jb\\x7fc\\u202etxt.exe\\u2066", TerminalText.safe("a\u009b2Jb\u007fc\u202etxt.exe\u2066"));
    }

    @Test
    void safePutsEverythingOnOneLineButKeepsTabs() {
        assertEquals("one\\ntwo\\r\\nthree\tfour\\x00", TerminalText.safe("one\ntwo\r\nthree\tfour\u0000"));
    }

    @Test
    void safeMultilineKeepsLineBreaksButNotALoneCarriageReturn() {
        assertEquals("one\ntwo\r\nfake\\rthree", TerminalText.safeMultiline("one\ntwo\r\nfake\rthree"));
    }

    @Test
    void safeKeepingLineBreaksKeepsCarriageReturnsForCsvButEscapesEsc() {
        assertEquals("a\r\nb\rc\t\\x1bd", TerminalText.safeKeepingLineBreaks("a\r\nb\rc\t\u001bd"));
    }

    @Test
    void nullStaysNull() {
        assertNull(TerminalText.safe(null));
    }
}
