package io.etlrecovery.quarantine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormulaEscapingTest {

    @Test
    void cellsThatSpreadsheetsWouldRunAsFormulasGetALeadingApostrophe() {
        assertEquals("'=SUM(A1:A2)", FormulaEscaping.escape("=SUM(A1:A2)"));
        assertEquals("'+1", FormulaEscaping.escape("+1"));
        assertEquals("'-12.50", FormulaEscaping.escape("-12.50"));
        assertEquals("'@cmd", FormulaEscaping.escape("@cmd"));
        assertEquals("'\tx", FormulaEscaping.escape("\tx"));
        assertEquals("'\rx", FormulaEscaping.escape("\rx"));
        assertEquals("plain", FormulaEscaping.escape("plain"));
        assertEquals("'quoted", FormulaEscaping.escape("'quoted"));
        assertEquals("", FormulaEscaping.escape(""));
    }

    @Test
    void everyValueComesBackExactlyFromItsCell() {
        for (String v : new String[] {"=1", "-1", "'-1", "''=x", "'", "''", "'abc", "abc", "", "@", "+", "a=b", "1-2"}) {
            assertEquals(v, FormulaEscaping.unescape(FormulaEscaping.escape(v)), v);
        }
    }

    @Test
    void aCellWhoseApostropheAPersonDeletedIsTakenAsItIs() {
        assertEquals("-5.00", FormulaEscaping.unescape("-5.00"));
        assertEquals("'abc", FormulaEscaping.unescape("'abc"));
    }
}
