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
}
