package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.TestDatabase;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TargetDaoTest {

  private TargetDao targets;

  @BeforeEach
  void freshDatabase() {
    Jdbi jdbi = TestDatabase.migrated();
    targets = jdbi.onDemand(TargetDao.class);
  }

  @Test
  void upsertReplacesEveryAttributeOfAnExistingTarget() {
    targets.upsert(new Target("a", "pay", "eu", Tier.LOW, 1.0, Map.of("region", "eu")));

    Target replaced = new Target("a", "pay", "us", Tier.FINANCE_CRITICAL, 2.5, Map.of("k", "v"));
    targets.upsert(replaced);

    assertThat(targets.find("a")).contains(replaced);
    assertThat(targets.count()).isEqualTo(1);
  }

  @Test
  void forServiceListsOnlyThatServiceInIdOrder() {
    targets.upsertAll(
        List.of(
            new Target("b", "pay", "eu", Tier.LOW, 1, null),
            new Target("a", "pay", "eu", Tier.STANDARD, 1, null),
            new Target("c", "search", "eu", Tier.LOW, 1, null)));

    assertThat(targets.forService("pay")).extracting(Target::id).containsExactly("a", "b");
  }

  @Test
  void listFiltersByServiceAndTierAndPages() {
    targets.upsertAll(
        List.of(
            new Target("a", "pay", "eu", Tier.LOW, 1, null),
            new Target("b", "pay", "eu", Tier.SAFETY_CRITICAL, 1, null),
            new Target("c", "pay", "eu", Tier.LOW, 1, null),
            new Target("d", "search", "eu", Tier.LOW, 1, null)));

    assertThat(targets.list("pay", "low", 10, 0)).extracting(Target::id).containsExactly("a", "c");
    assertThat(targets.list(null, null, 2, 1)).extracting(Target::id).containsExactly("b", "c");
  }

  @Test
  void tiersOfNamesEachTierOfTheGivenTargetsOnce() {
    targets.upsertAll(
        List.of(
            new Target("a", "pay", "eu", Tier.LOW, 1, null),
            new Target("b", "pay", "eu", Tier.FINANCE_CRITICAL, 1, null),
            new Target("c", "pay", "eu", Tier.LOW, 1, null),
            new Target("d", "pay", "eu", Tier.SAFETY_CRITICAL, 1, null)));

    assertThat(targets.tiersOf(new String[] {"a", "b", "c", "ghost"}))
        .containsExactlyInAnyOrder("low", "finance-critical");
    assertThat(targets.tiersOf(new String[] {"ghost"})).isEmpty();
  }

  @Test
  void findAllReturnsOnlyKnownTargets() {
    targets.upsert(new Target("a", "pay", "eu", Tier.LOW, 1, null));

    assertThat(targets.findAll(List.of("a", "ghost"))).extracting(Target::id).containsExactly("a");
    assertThat(targets.findAll(List.of())).isEmpty();
  }

  @Test
  void unknownNamesTheIdsWithoutATargetInIdOrder() {
    targets.upsert(new Target("a", "pay", "eu", Tier.LOW, 1, null));

    assertThat(targets.unknown(Set.of("ghost-2", "a", "ghost-1")))
        .containsExactly("ghost-1", "ghost-2");
    assertThat(targets.unknown(Set.of("a"))).isEmpty();
    assertThat(targets.unknown(Set.of())).isEmpty();
  }
}
