package io.etlrecovery.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreRunChecksTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;
    private static final Path DATA = Path.of("/data");

    static Resources resources(Long diskFree, Long memoryAvailable) {
        return new Resources(0.25, memoryAvailable, 16 * GIB, diskFree, 100 * GIB, 200 * MIB, 1024 * MIB, 120L, 1024L);
    }

    private static PreRunChecks checks(Resources r) {
        return PreRunChecks.builder().probe(volume -> r).build();
    }

    @Test
    void tooLittleFreeDiskOnTheStoresVolumeIsRefusedNamingTheNumbersAndTheSetting() {
        List<HealthProblem> problems = checks(resources(512 * MIB, 8 * GIB)).check(DATA);
        assertEquals(1, problems.size());
        HealthProblem p = problems.get(0);
        assertEquals("disk", p.check());
        assertEquals(512 * MIB, p.actual());
        assertEquals(GIB, p.required());
        assertEquals("Only 512 MiB free on /data (the store's volume); at least 1 GiB is required. Free space or lower "
                + "health.minFreeDisk.", p.message());
    }

    @Test
    void tooLittleAvailableMemoryIsRefusedNamingTheNumbersAndTheSetting() {
        List<HealthProblem> problems = checks(resources(50 * GIB, 200 * MIB)).check(DATA);
        assertEquals(1, problems.size());
        assertEquals("memory", problems.get(0).check());
        assertEquals("Only 200 MiB of memory available; at least 256 MiB is required. Stop other programs or lower "
                + "health.minAvailableMemory.", problems.get(0).message());
    }

    @Test
    void exactlyTheMinimumPassesAndOneByteLessDoesNot() {
        assertTrue(checks(resources(GIB, 256 * MIB)).check(DATA).isEmpty());
        assertEquals(2, checks(resources(GIB - 1, 256 * MIB - 1)).check(DATA).size());
    }

    @Test
    void theMinimumsAreConfigurable() {
        PreRunChecks custom = PreRunChecks.builder().minFreeDisk(10 * GIB).minAvailableMemory(0)
                .probe(volume -> resources(5 * GIB, 0L)).build();
        List<HealthProblem> problems = custom.check(DATA);
        assertEquals(1, problems.size());
        assertEquals("Only 5 GiB free on /data (the store's volume); at least 10 GiB is required. Free space or lower "
                + "health.minFreeDisk.", problems.get(0).message());
        assertEquals(PreRunChecks.DEFAULT_MIN_FREE_DISK, PreRunChecks.defaults().minFreeDisk());
        assertEquals(256 * MIB, PreRunChecks.defaults().minAvailableMemory());
    }

    @Test
    void valuesTheOperatingSystemDoesNotTellAreNotHeldAgainstTheRun() {
        assertTrue(checks(Resources.UNKNOWN).check(DATA).isEmpty());
        assertTrue(PreRunChecks.builder().probe(volume -> null).build().check(DATA).isEmpty());
    }

    @Test
    void verifyThrowsWithEveryProblemInTheMessage() {
        PreRunChecks checks = checks(resources(100 * MIB, 100 * MIB));
        Path volume = Path.of("/srv/etl");
        PreRunCheckException e = assertThrows(PreRunCheckException.class, () -> checks.verify(volume));
        assertEquals(2, e.problems().size());
        assertEquals("The run was not started: Only 100 MiB free on /srv/etl (the store's volume); at least 1 GiB is "
                + "required. Free space or lower health.minFreeDisk. Only 100 MiB of memory available; at least 256 MiB "
                + "is required. Stop other programs or lower health.minAvailableMemory.", e.getMessage());
    }

    @Test
    void verifyPassesQuietlyWhenEveryCheckPasses() {
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> checks(resources(50 * GIB, 8 * GIB)).verify(DATA));
    }

    @Test
    void theBuilderRefusesNegativeMinimumsNamingTheSetting() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PreRunChecks.builder().minFreeDisk(-1))
                .getMessage().startsWith("minFreeDisk"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PreRunChecks.builder().minAvailableMemory(-5))
                .getMessage().startsWith("minAvailableMemory"));
        assertThrows(NullPointerException.class, () -> PreRunChecks.builder().probe(null));
    }
}
