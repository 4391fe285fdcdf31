package io.waveguard.activities.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.waveguard.activities.TestDatabase;
import java.sql.Array;
import java.sql.ResultSet;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** A fold reads a bucket's p99 array from PostgreSQL's binary form without the driver's boxing. */
class TelemetryFoldTest {

  @Test
  void aBinaryFloat8ArrayIsReadInPlaceWithItsNullsLeftOut() {
    Jdbi jdbi = TestDatabase.migrated();
    List<Object> read =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "SELECT ARRAY[81.5, NULL, 1e300, '-0'::float8]::float8[],"
                            + " '{}'::float8[], ARRAY[2.25]::float8[]")
                    .addCustomizer(BinaryResults.INSTANCE)
                    .scanResultSet(
                        (results, ctx) -> {
                          ResultSet rs = results.get();
                          rs.next();
                          TelemetryFold.Sums values = new TelemetryFold.Sums();
                          boolean inPlace = true;
                          for (int column = 1; column <= 3; column++) {
                            inPlace &=
                                TelemetryFold.addBinaryLatencies(values, rs.getBytes(column));
                          }
                          return List.of(inPlace, values.latencies());
                        }));

    assertThat(read.get(0))
        .as("every array arrived in binary and was read in place")
        .isEqualTo(true);
    assertThat(read.get(1)).isEqualTo(List.of(81.5, 1e300, -0.0, 2.25));
  }

  @Test
  void anArrayReceivedAsTextIsLeftToTheDriver() {
    Jdbi jdbi = TestDatabase.migrated();
    List<Object> read =
        jdbi.withHandle(
            h ->
                // No binary customizer, and a statement run once: the driver receives text.
                h.createQuery("SELECT ARRAY[81.5, 90.0]::float8[], '{}'::float8[]")
                    .scanResultSet(
                        (results, ctx) -> {
                          ResultSet rs = results.get();
                          rs.next();
                          TelemetryFold.Sums values = new TelemetryFold.Sums();
                          boolean first = TelemetryFold.addBinaryLatencies(values, rs.getBytes(1));
                          boolean empty = TelemetryFold.addBinaryLatencies(values, rs.getBytes(2));
                          Array driver = rs.getArray(1);
                          return List.of(first, empty, values.latencies(), driver.getArray());
                        }));

    assertThat(read.get(0)).isEqualTo(false);
    assertThat(read.get(1)).isEqualTo(false);
    assertThat(read.get(2)).isEqualTo(List.of());
    assertThat((Object[]) read.get(3)).containsExactly(81.5, 90.0);
  }
}
