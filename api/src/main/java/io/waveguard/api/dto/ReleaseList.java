package io.waveguard.api.dto;

import java.util.List;

/**
 * One page of GET /api/v1/releases, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record ReleaseList(List<ReleaseSummary> releases, String nextCursor) {}
