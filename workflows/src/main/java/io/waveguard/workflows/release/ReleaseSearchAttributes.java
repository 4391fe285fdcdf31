package io.waveguard.workflows.release;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * Custom search attributes that make releases findable in the Temporal Web UI. A namespace must
 * have them registered before a release runs (Waveguard registers them on dev servers).
 */
public final class ReleaseSearchAttributes {

  public static final SearchAttributeKey<String> SERVICE =
      SearchAttributeKey.forKeyword("WaveguardService");
  public static final SearchAttributeKey<String> VERSION =
      SearchAttributeKey.forKeyword("WaveguardVersion");
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("WaveguardStatus");
  public static final SearchAttributeKey<String> STRATEGY =
      SearchAttributeKey.forKeyword("WaveguardStrategy");
  public static final SearchAttributeKey<Long> WAVE = SearchAttributeKey.forLong("WaveguardWave");

  public static final List<SearchAttributeKey<?>> ALL =
      List.of(SERVICE, VERSION, STATUS, STRATEGY, WAVE);

  private ReleaseSearchAttributes() {}
}
