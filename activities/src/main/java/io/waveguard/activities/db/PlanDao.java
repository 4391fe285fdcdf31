package io.waveguard.activities.db;

import io.waveguard.policy.model.Tier;
import io.waveguard.policy.model.WaveSummary;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;
import org.jdbi.v3.sqlobject.statement.UseRowMapper;

/**
 * Stored release plans: one plan per release, its waves, its re-plans between waves, and (in
 * deployments) its targets.
 */
@RegisterConstructorMapper(ReplanRow.class)
public interface PlanDao {

  /**
   * Stores a plan unless the release already has one; returns 0 when a concurrent planner stored
   * its plan first (the caller then reads that one back instead of failing on a unique key).
   */
  @SqlUpdate(
      """
      INSERT INTO plans (plan_id, release_id, strategy, target_count, wave_count)
      VALUES (:planId, :releaseId, :strategy, :targetCount, :waveCount)
      ON CONFLICT DO NOTHING
      """)
  int insertPlan(
      @Bind("planId") String planId,
      @Bind("releaseId") String releaseId,
      @Bind("strategy") String strategy,
      @Bind("targetCount") int targetCount,
      @Bind("waveCount") int waveCount);

  @SqlBatch(
      """
      INSERT INTO plan_waves (plan_id, wave, target_count, highest_tier, impact, reason)
      VALUES (:planId, :wave, :targetCount, :highestTier, :impact, :reason)
      """)
  void insertWaves(
      @Bind("planId") String planId,
      @Bind("wave") List<Integer> wave,
      @Bind("targetCount") List<Integer> targetCount,
      @Bind("highestTier") List<String> highestTier,
      @Bind("impact") List<Double> impact,
      @Bind("reason") List<String> reason);

  /** A re-plan moved targets between waves of one tier: sizes stay, impacts change. */
  @SqlBatch("UPDATE plan_waves SET impact = :impact WHERE plan_id = :planId AND wave = :wave")
  void updateImpacts(
      @Bind("planId") String planId,
      @Bind("wave") List<Integer> wave,
      @Bind("impact") List<Double> impact);

  @SqlQuery("SELECT plan_id FROM plans WHERE release_id = :releaseId")
  Optional<String> planIdForRelease(@Bind("releaseId") String releaseId);

  @SqlQuery("SELECT target_count FROM plans WHERE plan_id = :planId")
  Optional<Integer> targetCount(@Bind("planId") String planId);

  /** The plan's waves, each with the tiers of the targets it holds now. */
  @SqlQuery(
      """
      SELECT pw.*,
             (SELECT string_agg(DISTINCT t.tier, ',')
                FROM plans p
                JOIN deployments d ON d.release_id = p.release_id AND d.wave = pw.wave
                JOIN targets t ON t.id = d.target_id
               WHERE p.plan_id = pw.plan_id) AS tiers
        FROM plan_waves pw
       WHERE pw.plan_id = :planId
       ORDER BY pw.wave
      """)
  @UseRowMapper(WaveSummaryMapper.class)
  List<WaveSummary> waves(@Bind("planId") String planId);

  /** Stores a re-plan; 0 when one for that wave is stored already. */
  @SqlUpdate(
      """
      INSERT INTO replans (release_id, next_wave, moved, cohort_trust, hold, reason)
      VALUES (:releaseId, :nextWave, :moved, :cohortTrust, :hold, :reason)
      ON CONFLICT (release_id, next_wave) DO NOTHING
      """)
  int insertReplan(@BindMethods ReplanRow replan);

  @SqlQuery("SELECT * FROM replans WHERE release_id = :releaseId AND next_wave = :nextWave")
  Optional<ReplanRow> replan(@Bind("releaseId") String releaseId, @Bind("nextWave") int nextWave);

  /** Maps a plan_waves row. */
  final class WaveSummaryMapper implements org.jdbi.v3.core.mapper.RowMapper<WaveSummary> {
    @Override
    public WaveSummary map(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
        throws SQLException {
      String tiers = rs.getString("tiers");
      return new WaveSummary(
          rs.getInt("wave"),
          rs.getInt("target_count"),
          tier(rs.getString("highest_tier")),
          rs.getDouble("impact"),
          tiers == null
              ? null
              : Arrays.stream(tiers.split(",")).map(WaveSummaryMapper::tier).toList());
    }

    private static Tier tier(String name) {
      return Tier.fromWireName(name)
          .orElseThrow(() -> new IllegalStateException("unknown tier " + name));
    }
  }
}
