package io.waveguard.activities.db;

import java.time.Instant;
import org.jdbi.v3.core.mapper.reflect.ColumnName;

/**
 * When one target ran one release's build, on Temporal's clock.
 *
 * @param from its confirmed deploy
 * @param until its rollback or the moment another release replaced the build; null while it runs
 */
public record AttributionWindow(
    String targetId,
    int wave,
    @ColumnName("from_at") Instant from,
    @ColumnName("until_at") Instant until) {}
