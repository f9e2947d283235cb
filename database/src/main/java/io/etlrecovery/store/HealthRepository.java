package io.etlrecovery.store;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SYSTEM_HEALTH: resource snapshots. */
@RegisterConstructorMapper(HealthRow.class)
public interface HealthRepository {

    @SqlUpdate("INSERT INTO SYSTEM_HEALTH (RUN_ID, HOST, PHASE, CPU_LOAD, MEMORY_AVAILABLE_BYTES, MEMORY_TOTAL_BYTES, "
            + "DISK_FREE_BYTES, DISK_TOTAL_BYTES, HEAP_USED_BYTES, HEAP_MAX_BYTES, OPEN_FILE_DESCRIPTORS, "
            + "MAX_FILE_DESCRIPTORS, TAKEN_AT) VALUES (:runId, :host, :phase, :cpuLoad, :memoryAvailableBytes, "
            + ":memoryTotalBytes, :diskFreeBytes, :diskTotalBytes, :heapUsedBytes, :heapMaxBytes, "
            + ":openFileDescriptors, :maxFileDescriptors, :takenAt)")
    void insert(@BindMethods HealthRow row);

    @SqlQuery("SELECT SNAPSHOT_ID, RUN_ID, HOST, PHASE, CPU_LOAD, MEMORY_AVAILABLE_BYTES, MEMORY_TOTAL_BYTES, "
            + "DISK_FREE_BYTES, DISK_TOTAL_BYTES, HEAP_USED_BYTES, HEAP_MAX_BYTES, OPEN_FILE_DESCRIPTORS, "
            + "MAX_FILE_DESCRIPTORS, TAKEN_AT FROM SYSTEM_HEALTH WHERE TAKEN_AT >= :since ORDER BY SNAPSHOT_ID DESC "
            + "FETCH FIRST :limit ROWS ONLY")
    List<HealthRow> recent(@Bind("since") Instant since, @Bind("limit") int limit);

    @SqlQuery("SELECT SNAPSHOT_ID, RUN_ID, HOST, PHASE, CPU_LOAD, MEMORY_AVAILABLE_BYTES, MEMORY_TOTAL_BYTES, "
            + "DISK_FREE_BYTES, DISK_TOTAL_BYTES, HEAP_USED_BYTES, HEAP_MAX_BYTES, OPEN_FILE_DESCRIPTORS, "
            + "MAX_FILE_DESCRIPTORS, TAKEN_AT FROM SYSTEM_HEALTH WHERE RUN_ID = :runId ORDER BY SNAPSHOT_ID")
    List<HealthRow> forRun(@Bind("runId") long runId);

    @SqlUpdate("DELETE FROM SYSTEM_HEALTH WHERE TAKEN_AT < :before")
    int deleteOlderThan(@Bind("before") Instant before);

    /** Snapshots taken at or after {@code since} during runs of {@code pipeline}, newest first, at most {@code limit}. */
    @SqlQuery("SELECT h.SNAPSHOT_ID, h.RUN_ID, h.HOST, h.PHASE, h.CPU_LOAD, h.MEMORY_AVAILABLE_BYTES, "
            + "h.MEMORY_TOTAL_BYTES, h.DISK_FREE_BYTES, h.DISK_TOTAL_BYTES, h.HEAP_USED_BYTES, h.HEAP_MAX_BYTES, "
            + "h.OPEN_FILE_DESCRIPTORS, h.MAX_FILE_DESCRIPTORS, h.TAKEN_AT FROM SYSTEM_HEALTH h "
            + "JOIN PIPELINE_RUNS r ON r.RUN_ID = h.RUN_ID WHERE r.PIPELINE = :pipeline AND h.TAKEN_AT >= :since "
            + "ORDER BY h.SNAPSHOT_ID DESC FETCH FIRST :limit ROWS ONLY")
    List<HealthRow> recentOfPipeline(@Bind("pipeline") String pipeline, @Bind("since") Instant since,
                                     @Bind("limit") int limit);

    /** How many snapshots were taken before {@code before}, and the oldest one's time. */
    @SqlQuery("SELECT COUNT(*) AS TOTAL, MIN(TAKEN_AT) AS OLDEST FROM SYSTEM_HEALTH WHERE TAKEN_AT < :before")
    @RegisterConstructorMapper(ErrorRepository.AgedRows.class)
    ErrorRepository.AgedRows agedSnapshots(@Bind("before") Instant before);

    /** Deletes at most {@code limit} snapshots taken before {@code before}, oldest ids first; returns how many. */
    @SqlUpdate("DELETE FROM SYSTEM_HEALTH WHERE SNAPSHOT_ID IN (SELECT SNAPSHOT_ID FROM SYSTEM_HEALTH "
            + "WHERE TAKEN_AT < :before ORDER BY SNAPSHOT_ID FETCH FIRST :limit ROWS ONLY)")
    int deleteAgedSnapshots(@Bind("before") Instant before, @Bind("limit") int limit);
}
