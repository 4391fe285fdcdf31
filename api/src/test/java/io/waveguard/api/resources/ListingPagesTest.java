package io.waveguard.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.waveguard.activities.db.AuditDao;
import io.waveguard.activities.db.AuditEntry;
import io.waveguard.activities.db.ReleaseDao;
import io.waveguard.api.support.Api;
import io.waveguard.api.support.Api.Answer;
import io.waveguard.api.support.TestApp;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/releases and GET /api/v1/releases/{id}/audit come in pages with an opaque cursor:
 * walking them yields every row once, in order, however many rows arrive meanwhile.
 */
class ListingPagesTest {

  private static Api api;
  private static Jdbi jdbi;

  @BeforeAll
  static void app() {
    api = TestApp.get().api();
    jdbi = TestApp.get().jdbi();
  }

  @Test
  void walkingReleasePagesYieldsEveryReleaseOnceNewestFirstWhileNewOnesArrive() {
    String service = unique("paged");
    // Ten releases per transaction share one created_at, so page boundaries fall inside ties.
    for (int batch = 0; batch < 13; batch++) {
      int b = batch;
      jdbi.useTransaction(
          h -> {
            ReleaseDao dao = h.attach(ReleaseDao.class);
            for (int i = 0; i < 10; i++) {
              dao.insertIfAbsent(
                  "%s-%02d-%d".formatted(service, b, i), service, "1", "waves", "{}");
            }
          });
    }
    List<String> expected = idsInListingOrder(service);

    List<String> walked = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Answer page = api.get(releasesPath(service, 7, cursor));
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body().get("releases").size()).isBetween(1, 7);
      walked.addAll(column(page.body().get("releases"), "releaseId"));
      cursor = page.text("nextCursor");
      // A release started between two pages is newer than all of them: it must not show up.
      jdbi.useExtension(
          ReleaseDao.class,
          dao -> dao.insertIfAbsent(unique(service + "-late"), service, "2", "waves", "{}"));
      pages++;
    } while (cursor != null);

    assertThat(expected).hasSize(130);
    assertThat(walked).containsExactlyElementsOf(expected);
    assertThat(pages).isEqualTo(19);
    Answer firstPage = api.get("/api/v1/releases?service=" + service);
    assertThat(firstPage.body().get("releases")).hasSize(50);
    assertThat(firstPage.text("nextCursor")).isNotNull();
  }

  @Test
  void walkingAuditPagesYieldsEveryEntryOnceOldestFirstIncludingEntriesAppendedMeanwhile() {
    String release = releaseRow();
    for (int i = 0; i < 120; i++) {
      appendAudit(release, "entry " + i);
    }

    List<Long> walked = new ArrayList<>();
    String cursor = null;
    int appended = 0;
    do {
      Answer page = api.get(auditPath(release, 25, cursor));
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.body().get("entries").size()).isBetween(1, 25);
      page.body().get("entries").forEach(e -> walked.add(e.get("id").asLong()));
      cursor = page.text("nextCursor");
      if (appended < 9) {
        appendAudit(release, "late " + appended++);
        appendAudit(release, "late " + appended++);
        appendAudit(release, "late " + appended++);
      }
    } while (cursor != null);

    List<Long> stored =
        jdbi.withExtension(AuditDao.class, dao -> dao.forRelease(release)).stream()
            .map(AuditEntry::id)
            .toList();
    assertThat(stored).hasSize(129);
    assertThat(walked).containsExactlyElementsOf(stored).isSorted();
    Answer firstPage = api.get("/api/v1/releases/" + release + "/audit");
    assertThat(firstPage.body().get("entries")).hasSize(50);
    assertThat(firstPage.text("nextCursor")).isNotNull();
  }

  @Test
  void aLimitOutOfRangeIs400NamingLimit() {
    String release = releaseRow();
    for (String path : List.of("/api/v1/releases", "/api/v1/releases/" + release + "/audit")) {
      for (String limit : List.of("0", "501", "-3", "ten")) {
        Answer answer = api.get(path + "?limit=" + limit);
        assertThat(answer.status()).as(path + " limit=" + limit).isEqualTo(400);
        assertThat(answer.text("error")).isEqualTo("invalid_field");
        assertThat(answer.text("field")).isEqualTo("limit");
      }
      assertThat(api.get(path + "?limit=500").status()).isEqualTo(200);
      assertThat(api.get(path + "?limit=1").status()).isEqualTo(200);
    }
  }

  @Test
  void aCursorThisListingDidNotIssueIs400NamingCursor() {
    String service = unique("cursors");
    String release = service + "-r";
    jdbi.useExtension(
        ReleaseDao.class,
        dao -> {
          dao.insertIfAbsent(release, service, "1", "waves", "{}");
          dao.insertIfAbsent(release + "2", service, "1", "waves", "{}");
        });
    appendAudit(release, "one");
    appendAudit(release, "two");
    String releaseCursor = api.get(releasesPath(service, 1, null)).text("nextCursor");
    String auditCursor = api.get(auditPath(release, 1, null)).text("nextCursor");
    assertThat(releaseCursor).isNotNull();
    assertThat(auditCursor).isNotNull();

    List<String> forReleases =
        List.of(
            "not*base64",
            encoded("r1:yesterday:x"),
            encoded("r1:"),
            releaseCursor.substring(0, releaseCursor.length() - 3),
            auditCursor,
            "A".repeat(600));
    List<String> forAudit =
        List.of("%%%", encoded("a1:-5"), encoded("a1:12ab"), encoded("a1"), releaseCursor);
    for (String bad : forReleases) {
      assertBadCursor(api.get(releasesPath(service, 1, bad)));
    }
    for (String bad : forAudit) {
      assertBadCursor(api.get(auditPath(release, 1, bad)));
    }
    assertThat(api.get(releasesPath(service, 1, releaseCursor)).status()).isEqualTo(200);
    assertThat(api.get(auditPath(release, 1, auditCursor)).status()).isEqualTo(200);
  }

  private static void assertBadCursor(Answer answer) {
    assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
    assertThat(answer.text("error")).isEqualTo("invalid_field");
    assertThat(answer.text("field")).isEqualTo("cursor");
    assertThat(answer.text("message")).contains("nextCursor");
  }

  private static String releasesPath(String service, int limit, String cursor) {
    return "/api/v1/releases?service=%s&limit=%d%s".formatted(service, limit, cursorParam(cursor));
  }

  private static String auditPath(String release, int limit, String cursor) {
    return "/api/v1/releases/%s/audit?limit=%d%s".formatted(release, limit, cursorParam(cursor));
  }

  private static String cursorParam(String cursor) {
    return cursor == null
        ? ""
        : "&cursor=" + java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }

  private static String encoded(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A release known to the read model, without a workflow: the audit log only needs the row. */
  private static String releaseRow() {
    String id = unique("audited");
    jdbi.useExtension(
        ReleaseDao.class, dao -> dao.insertIfAbsent(id, "audited", "1", "waves", "{}"));
    return id;
  }

  private static void appendAudit(String release, String reason) {
    jdbi.useExtension(
        AuditDao.class, dao -> dao.append(release, "pause", "alice", reason, "ACCEPTED", "PAUSED"));
  }

  /** The service's releases as the database orders them: newest first, then id descending. */
  private static List<String> idsInListingOrder(String service) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT release_id FROM releases WHERE service = :s"
                        + " ORDER BY created_at DESC, release_id DESC")
                .bind("s", service)
                .mapTo(String.class)
                .list());
  }

  private static List<String> column(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(node -> node.get(field).asText())
        .toList();
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
