package io.waveguard.api.db;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Checks pushed telemetry against the fleet in one query per batch. */
public interface KnownTargetsDao {

  @SqlQuery("SELECT id FROM targets WHERE id = ANY(:ids)")
  List<String> existing(@Bind("ids") String[] ids);

  /** The ids among {@code ids} that name no target. */
  default Set<String> unknown(Set<String> ids) {
    Set<String> unknown = new TreeSet<>(ids);
    existing(ids.toArray(String[]::new)).forEach(unknown::remove);
    return unknown;
  }
}
