package io.etlrecovery.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etlrecovery.io.internal.SelectShape;
import org.junit.jupiter.api.Test;

class SelectShapeTest {

    @Test
    void aPlainSelectWithoutWhereIsPlain() {
        SelectShape shape = SelectShape.of("SELECT a, b FROM t JOIN u ON t.id = u.id");
        assertTrue(shape.plain());
        assertEquals(-1, shape.where());
    }

    @Test
    void theTopLevelWhereIsFoundPastStringsCommentsAndSubqueries() {
        String sql = "select a, (select max(x) from v where v.k = t.k) m from t /* where */ -- where\n"
                + "where a = 'it''s where' and \"WHERE\" = 1";
        SelectShape shape = SelectShape.of(sql);
        assertTrue(shape.plain());
        assertEquals(sql.indexOf("where a ="), shape.where());
    }

    @Test
    void clausesAfterTheWhereOrSetOperationsMakeItNotPlain() {
        for (String sql : new String[] {"SELECT a FROM t GROUP BY a", "SELECT a FROM t ORDER BY a",
                "SELECT a FROM t WHERE a > 1 FETCH FIRST 3 ROWS ONLY", "SELECT a FROM t UNION SELECT b FROM u",
                "WITH x AS (SELECT 1) SELECT * FROM x", "SELECT a FROM t LIMIT 5", "SELECT 'unclosed FROM t",
                "SELECT a FROM t WHERE (a > 1", "SELECT a FROM t; DELETE FROM t"}) {
            assertFalse(SelectShape.of(sql).plain(), sql);
        }
    }

    @Test
    void wordsThatOnlyContainKeywordsDoNotCount() {
        assertTrue(SelectShape.of("SELECT format, orders, limited FROM t_group WHERE fetched = 1").plain());
    }
}
