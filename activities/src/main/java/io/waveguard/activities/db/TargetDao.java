package io.waveguard.activities.db;

import io.waveguard.policy.model.Target;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The fleet: deployment targets and their static attributes. */
public interface TargetDao {

  @SqlUpdate(
      """
      INSERT INTO targets (id, service, segment, tier, size, labels)
      VALUES (:id, :service, :segment, :tier, :size, CAST(:labels AS jsonb))
      ON CONFLICT (id) DO UPDATE SET
        service = EXCLUDED.service, segment = EXCLUDED.segment, tier = EXCLUDED.tier,
        size = EXCLUDED.size, labels = EXCLUDED.labels, updated_at = now()
      """)
  void upsertRow(
      @Bind("id") String id,
      @Bind("service") String service,
      @Bind("segment") String segment,
      @Bind("tier") String tier,
      @Bind("size") double size,
      @Bind("labels") String labelsJson);

  /** Creates or replaces a target; returns nothing because a PUT is idempotent. */
  default void upsert(Target target) {
    upsertRow(
        target.id(),
        target.service(),
        target.segment(),
        target.tier().wireName(),
        target.size(),
        Json.write(target.labels()));
  }

  /** Creates or replaces many targets, e.g. a generated fleet. */
  default void upsertAll(List<Target> targets) {
    targets.forEach(this::upsert);
  }

  @SqlQuery("SELECT * FROM targets WHERE id = :id")
  Optional<Target> find(@Bind("id") String id);

  @SqlQuery("SELECT * FROM targets WHERE id = ANY(:ids) ORDER BY id")
  List<Target> findAll(@Bind("ids") String[] ids);

  /** The targets with these ids that exist, in id order. */
  default List<Target> findAll(List<String> ids) {
    return ids.isEmpty() ? List.of() : findAll(ids.toArray(String[]::new));
  }

  /** The tiers (wire names) these targets are in, each once: what a verdict's metrics label. */
  @SqlQuery("SELECT DISTINCT tier FROM targets WHERE id = ANY(:ids)")
  List<String> tiersOf(@Bind("ids") String[] ids);

  /** The ids among these that name no target: none, usually, so little comes back. */
  @SqlQuery(
      "SELECT u.id FROM unnest(CAST(:ids AS text[])) AS u(id)"
          + " WHERE NOT EXISTS (SELECT 1 FROM targets t WHERE t.id = u.id)")
  List<String> unknownIds(@Bind("ids") String[] ids);

  /** The ids among {@code ids} that name no target, in id order: one query however many. */
  default Set<String> unknown(Set<String> ids) {
    Set<String> unknown = new TreeSet<>();
    if (!ids.isEmpty()) {
      unknown.addAll(unknownIds(ids.toArray(String[]::new)));
    }
    return unknown;
  }

  /** Targets of a service in id order: the planner's input. */
  @SqlQuery("SELECT * FROM targets WHERE service = :service ORDER BY id")
  List<Target> forService(@Bind("service") String service);

  /**
   * A page of targets, optionally narrowed to a service and a tier (null means any).
   *
   * @param tier wire name of the tier ("finance-critical") or null
   */
  @SqlQuery(
      """
      SELECT * FROM targets
      WHERE (CAST(:service AS text) IS NULL OR service = :service)
        AND (CAST(:tier AS text) IS NULL OR tier = :tier)
      ORDER BY id LIMIT :limit OFFSET :offset
      """)
  List<Target> list(
      @Bind("service") String service,
      @Bind("tier") String tier,
      @Bind("limit") int limit,
      @Bind("offset") int offset);

  /**
   * Like {@link #list}, ordered by the targets' latest trust snapshot: {@code trust} puts the
   * lowest trust lower bound first, {@code risk} the highest risk first; targets never scored come
   * last, and ties go by id.
   */
  @SqlQuery(
      """
      SELECT t.* FROM targets t
      LEFT JOIN LATERAL (
        SELECT lower_bound, risk FROM trust_snapshots s
        WHERE s.target_id = t.id ORDER BY s.id DESC LIMIT 1) latest ON true
      WHERE (CAST(:service AS text) IS NULL OR t.service = :service)
        AND (CAST(:tier AS text) IS NULL OR t.tier = :tier)
      ORDER BY CASE WHEN :sort = 'trust' THEN latest.lower_bound END ASC NULLS LAST,
               CASE WHEN :sort = 'risk' THEN latest.risk END DESC NULLS LAST,
               t.id
      LIMIT :limit OFFSET :offset
      """)
  List<Target> listSorted(
      @Bind("service") String service,
      @Bind("tier") String tier,
      @Bind("sort") String sort,
      @Bind("limit") int limit,
      @Bind("offset") int offset);

  @SqlQuery("SELECT count(*) FROM targets")
  long count();
}
