package io.waveguard.api.pages;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing, read with one row of look-ahead: the extra row only tells that another
 * page exists, so the last page carries a null cursor and no client has to ask for an empty one.
 *
 * @param nextCursor where the next page starts, or null on the last page
 */
public record Page<T>(List<T> items, String nextCursor) {

  /**
   * @param fetched up to {@code limit + 1} rows in listing order
   * @param cursorAfter the cursor that continues after a row
   */
  public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> cursorAfter) {
    if (fetched.size() <= limit) {
      return new Page<>(List.copyOf(fetched), null);
    }
    List<T> items = List.copyOf(fetched.subList(0, limit));
    return new Page<>(items, cursorAfter.apply(items.get(limit - 1)));
  }
}
