package io.waveguard.api.bench;

import io.waveguard.activities.db.BenchDao;
import io.waveguard.activities.db.TargetDao;
import io.waveguard.api.auth.ApiTokens;
import io.waveguard.api.auth.Role;
import io.waveguard.policy.model.Target;
import io.waveguard.policy.model.Tier;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The figures measured through the REST API of a running server: telemetry ingestion, release
 * starts one at a time and all at once, and many releases running on the one worker at once. Every
 * release is a good trust-weighted one over five low-tier targets of its own service. The starts
 * one at a time send no policy, as a team's pipeline does: the server's defaults bake for minutes,
 * so the worker runs each release's first wave and then waits on a timer, and the bench aborts them
 * afterwards. The burst and the fleet run the good-release storm's shape: one-second gate periods,
 * a three-second minimum bake.
 */
final class ApiBench {

  /** Threads that push telemetry batches at once, as several collectors would. */
  private static final int INGEST_CLIENTS = 4;

  /** Samples per POST: a collector's batch, a tenth of what one request may carry. */
  private static final int INGEST_BATCH = 1_000;

  /**
   * Untimed starts before the sequential ones, so the JIT has compiled their path: after 100 or 200
   * the timed starts were no faster than after 20.
   */
  private static final int WARM_STARTS = 20;

  /** Threads that start the fleet's releases, as many platform teams' pipelines would. */
  private static final int FLEET_CLIENTS = 32;

  /** The good-release storm's policy: a release of five targets ends in seconds. */
  private static final Map<String, Object> SHORT_BAKES =
      Map.of("gatePeriodSeconds", 1, "minBakeSeconds", 3, "maxBakeSeconds", 120);

  /** No policy in the request: the server's defaults, bakes of minutes. */
  private static final Map<String, Object> SERVER_DEFAULTS = Map.of();

  private final BenchStack stack;
  private final BenchHttp http;
  private final PrintStream out;

  ApiBench(BenchStack stack, PrintStream out) {
    this.stack = stack;
    // An admin token of its own: the bench both starts releases and pushes telemetry.
    String token =
        new ApiTokens(stack.jdbi(), Clock.systemUTC())
            .create("bench-" + UUID.randomUUID(), Role.ADMIN, null, null)
            .token();
    this.http = new BenchHttp(stack.api(), token);
    this.out = out;
  }

  /** Samples per second stored through {@code POST /api/v1/telemetry}, over the whole run. */
  double ingest(int targets, int samples) throws Exception {
    return ingest("ingest", targets, samples);
  }

  /**
   * {@link #ingest(int, int)} on targets of their own, {@code <fleet>-000000} and on: a run before
   * the measured one (a warm-up) then stores new windows of other targets, as the measured run's.
   */
  double ingest(String fleetName, int targets, int samples) throws Exception {
    List<Target> fleet = new ArrayList<>(targets);
    for (int i = 0; i < targets; i++) {
      fleet.add(
          new Target(
              "%s-%06d".formatted(fleetName, i),
              fleetName,
              "eu",
              Tier.LOW,
              1.0,
              Map.of("region", "eu")));
    }
    stack.jdbi().useExtension(TargetDao.class, dao -> dao.upsertAll(fleet));
    // Bodies are built before the clock starts: the figure is the server's, not the client's.
    Instant first = Instant.parse("2025-03-01T00:00:00Z");
    List<byte[]> batches = new ArrayList<>();
    List<Map<String, Object>> batch = new ArrayList<>(INGEST_BATCH);
    for (int n = 0; n < samples; n++) {
      Instant start = first.plus(n / targets, ChronoUnit.MINUTES);
      batch.add(
          Map.of(
              "targetId",
              fleet.get(n % targets).id(),
              "windowStart",
              start.toString(),
              "windowEnd",
              start.plus(1, ChronoUnit.MINUTES).toString(),
              "requests",
              1000,
              "errors",
              1 + n % 3,
              "latencyP99Ms",
              80.0 + n % 97,
              "crashes",
              0));
      if (batch.size() == INGEST_BATCH || n == samples - 1) {
        batches.add(BenchHttp.json(Map.of("samples", batch)));
        batch = new ArrayList<>(INGEST_BATCH);
      }
    }
    AtomicInteger next = new AtomicInteger();
    AtomicLong stored = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(INGEST_CLIENTS);
    long t0 = System.nanoTime();
    List<Future<?>> clients = new ArrayList<>();
    for (int c = 0; c < INGEST_CLIENTS; c++) {
      clients.add(
          pool.submit(
              () -> {
                for (int i = next.getAndIncrement();
                    i < batches.size();
                    i = next.getAndIncrement()) {
                  BenchHttp.Answer answer = http.post("telemetry", batches.get(i));
                  if (answer.status() != 202) {
                    throw new IllegalStateException(
                        "telemetry batch answered " + answer.status() + ": " + answer.body());
                  }
                  stored.addAndGet(Math.min(INGEST_BATCH, samples - (long) i * INGEST_BATCH));
                }
                return null;
              }));
    }
    for (Future<?> client : clients) {
      client.get();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    double rate = stored.get() / seconds;
    out.printf(
        Locale.ROOT,
        "ingest: %d samples in %d batches of %d from %d clients in %.2f s: %.0f samples/s%n",
        stored.get(),
        batches.size(),
        INGEST_BATCH,
        INGEST_CLIENTS,
        seconds,
        rate);
    return rate;
  }

  /**
   * Each start's milliseconds, one after the other; then every one of these releases is aborted, so
   * none outlives the measurement. First up to {@link #WARM_STARTS} untimed ones (the start path's
   * code gets compiled), and a wait until the worker has their first waves out.
   */
  double[] sequentialStarts(int count) throws InterruptedException {
    List<String> services = new ArrayList<>(seedServices("warm", Math.min(WARM_STARTS, count)));
    services.forEach(service -> start(service, SERVER_DEFAULTS));
    awaitFirstWaves("warm-%", services.size(), 60);
    List<String> timed = seedServices("seq", count);
    double[] millis = new double[count];
    for (int i = 0; i < count; i++) {
      millis[i] = start(timed.get(i), SERVER_DEFAULTS).millis();
    }
    out.printf(
        Locale.ROOT,
        "starts: %d POST /releases one at a time (the server's default policy): p50 %.1f ms,"
            + " p99 %.1f ms, max %.1f ms%n",
        count,
        Stats.median(millis),
        Stats.quantile(millis, 0.99),
        Stats.max(millis));
    services.addAll(timed);
    services.forEach(this::abort);
    return millis;
  }

  /** Each start's milliseconds when {@code count} clients send theirs at the same moment. */
  double[] concurrentStarts(int count) throws Exception {
    List<String> services = seedServices("burst", count);
    ExecutorService pool = Executors.newFixedThreadPool(count);
    CountDownLatch ready = new CountDownLatch(count);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<BenchHttp.Answer>> answers = new ArrayList<>();
    for (String service : services) {
      answers.add(
          pool.submit(
              () -> {
                ready.countDown();
                go.await();
                return start(service);
              }));
    }
    ready.await();
    go.countDown();
    double[] millis = new double[count];
    int accepted = 0;
    for (int i = 0; i < count; i++) {
      BenchHttp.Answer answer = answers.get(i).get();
      millis[i] = answer.millis();
      accepted += answer.status() == 202 ? 1 : 0;
    }
    pool.shutdown();
    out.printf(
        Locale.ROOT,
        "starts: %d POST /releases at once: %d answered 202; p50 %.1f ms, p99 %.1f ms%n",
        count,
        accepted,
        Stats.median(millis),
        Stats.quantile(millis, 0.99));
    if (accepted != count) {
      throw new IllegalStateException((count - accepted) + " concurrent starts were refused");
    }
    return millis;
  }

  /**
   * Waits until {@code count} releases of the services have deployed their first wave; says so when
   * the deadline passes first, since the timed starts then meet a worker still busy.
   */
  private void awaitFirstWaves(String servicePattern, int count, int deadlineSeconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + deadlineSeconds * 1_000_000_000L;
    int deployed = deployedReleases(servicePattern);
    while (deployed < count && System.nanoTime() < deadline) {
      Thread.sleep(200);
      deployed = deployedReleases(servicePattern);
    }
    if (deployed < count) {
      out.printf(
          Locale.ROOT,
          "starts: only %d of %d warm-up releases had their first wave out after %d s%n",
          deployed,
          count,
          deadlineSeconds);
    }
  }

  private int deployedReleases(String servicePattern) {
    return stack
        .jdbi()
        .withExtension(
            BenchDao.class, dao -> dao.releasesWithDeployments("bench-" + servicePattern));
  }

  /** Waits until every release started so far is final, so the fleet's run starts on its own. */
  void awaitQuiet(int deadlineSeconds) throws InterruptedException {
    long deadline = System.nanoTime() + deadlineSeconds * 1_000_000_000L;
    Map<String, Integer> statuses = statuses("%");
    while (running(statuses) > 0 && System.nanoTime() < deadline) {
      Thread.sleep(2_000);
      statuses = statuses("%");
    }
    out.println("starts: the releases started so far ended " + statuses);
  }

  /** The fleet: {@code count} releases started at once, run to their end on the one worker. */
  FleetRun fleet(int count, int deadlineSeconds) throws Exception {
    List<String> services = seedServices("fleet", count);
    HeapSampler heap = new HeapSampler();
    heap.start();
    Instant started = Instant.now();
    ExecutorService pool = Executors.newFixedThreadPool(FLEET_CLIENTS);
    List<Future<BenchHttp.Answer>> answers = new ArrayList<>();
    services.forEach(s -> answers.add(pool.submit(() -> start(s))));
    for (Future<BenchHttp.Answer> answer : answers) {
      if (answer.get().status() != 202) {
        throw new IllegalStateException("a fleet start answered " + answer.get().status());
      }
    }
    pool.shutdown();
    out.printf(
        Locale.ROOT,
        "fleet: %d releases started in %.1f s%n",
        count,
        (System.nanoTime() - heap.startNanos) / 1e9);
    long deadline = System.nanoTime() + deadlineSeconds * 1_000_000_000L;
    Map<String, Integer> statuses = statuses("fleet-%");
    long lastPrint = 0;
    while (finished(statuses) < count && System.nanoTime() < deadline) {
      Thread.sleep(2_000);
      statuses = statuses("fleet-%");
      if (System.nanoTime() - lastPrint > 30_000_000_000L) {
        lastPrint = System.nanoTime();
        out.printf(
            Locale.ROOT,
            "fleet: after %.0f s: %s%n",
            (System.nanoTime() - heap.startNanos) / 1e9,
            statuses);
      }
    }
    Instant lastEnd =
        Optional.ofNullable(
                stack.jdbi().withExtension(BenchDao.class, dao -> dao.lastEnd("bench-fleet-%")))
            .map(Timestamp::toInstant)
            .orElse(Instant.now());
    heap.finish();
    int done = finished(statuses);
    Instant end = done == count ? lastEnd : Instant.now();
    double minutes = java.time.Duration.between(started, end).toMillis() / 60_000.0;
    out.printf(
        Locale.ROOT,
        "fleet: %d of %d releases finished %s within %.2f min; live heap after GC at most %.0f MiB"
            + " (%d samples), heap in use at most %.0f MiB%n",
        done,
        count,
        statuses,
        minutes,
        heap.maxLiveMiB,
        heap.samples,
        heap.maxUsedMiB);
    // A good release that did not complete is worth a look: its gate says why.
    stack
        .jdbi()
        .withExtension(BenchDao.class, dao -> dao.notCompleted("bench-fleet-%", 10))
        .forEach(release -> out.println("fleet: not completed: " + release));
    return new FleetRun(done, minutes, heap.maxLiveMiB);
  }

  /** How the fleet's run ended. */
  record FleetRun(int finished, double minutes, double liveHeapMiB) {}

  private BenchHttp.Answer start(String service) {
    return start(service, SHORT_BAKES);
  }

  /**
   * @param policy the request's policy; empty for the server's defaults
   */
  private BenchHttp.Answer start(String service, Map<String, Object> policy) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("releaseId", releaseId(service));
    body.put("service", service);
    body.put("version", "1.0.1");
    body.put("strategy", "trust-weighted");
    if (!policy.isEmpty()) {
      body.put("policy", policy);
    }
    BenchHttp.Answer answer = http.post("releases", BenchHttp.json(body));
    if (answer.status() != 202) {
      out.println("starts: " + service + " answered " + answer.status() + ": " + answer.body());
    }
    return answer;
  }

  private void abort(String service) {
    BenchHttp.Answer answer =
        http.post(
            "releases/" + releaseId(service) + "/abort",
            BenchHttp.json(Map.of("reason", "the bench measured its start")));
    if (answer.status() != 200 && answer.status() != 202) {
      throw new IllegalStateException(
          "abort of " + service + " answered " + answer.status() + ": " + answer.body());
    }
  }

  private static String releaseId(String service) {
    return service + "-1-0-1";
  }

  /** {@code count} services of five low-tier targets each, in two regions, stored directly. */
  private List<String> seedServices(String kind, int count) {
    List<String> services = new ArrayList<>(count);
    List<Target> targets = new ArrayList<>(count * 5);
    for (int i = 0; i < count; i++) {
      String service = "bench-%s-%04d".formatted(kind, i);
      services.add(service);
      for (int t = 0; t < 5; t++) {
        targets.add(
            new Target(
                service + "-t" + t,
                service,
                "eu",
                Tier.LOW,
                1.0,
                Map.of("region", t < 3 ? "eu-west" : "eu-north")));
      }
    }
    stack.jdbi().useExtension(TargetDao.class, dao -> dao.upsertAll(targets));
    return services;
  }

  private Map<String, Integer> statuses(String servicePattern) {
    Map<String, Integer> statuses = new LinkedHashMap<>();
    for (String count :
        stack
            .jdbi()
            .withExtension(BenchDao.class, dao -> dao.statusCounts("bench-" + servicePattern))) {
      int eq = count.lastIndexOf('=');
      statuses.put(count.substring(0, eq), Integer.parseInt(count.substring(eq + 1)));
    }
    return statuses;
  }

  private static int finished(Map<String, Integer> statuses) {
    return statuses.entrySet().stream()
        .filter(e -> List.of("COMPLETED", "ROLLED_BACK", "ABORTED", "FAILED").contains(e.getKey()))
        .mapToInt(Map.Entry::getValue)
        .sum();
  }

  private static int running(Map<String, Integer> statuses) {
    return statuses.values().stream().mapToInt(Integer::intValue).sum() - finished(statuses);
  }

  /**
   * The process's live heap while the fleet runs: every 10 s a full collection, then the heap in
   * use (what the worker, the API and the bench really hold, garbage left out), and between them
   * the heap in use with garbage, every 500 ms.
   */
  private static final class HeapSampler extends Thread {
    final long startNanos = System.nanoTime();
    volatile boolean stopped;
    volatile double maxLiveMiB;
    volatile double maxUsedMiB;
    volatile int samples;

    HeapSampler() {
      super("bench-heap-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      long lastCollection = 0;
      while (!stopped) {
        double used = usedMiB();
        maxUsedMiB = Math.max(maxUsedMiB, used);
        if (System.nanoTime() - lastCollection > 10_000_000_000L) {
          lastCollection = System.nanoTime();
          sampleLive();
        }
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void sampleLive() {
      System.gc();
      maxLiveMiB = Math.max(maxLiveMiB, usedMiB());
      samples++;
    }

    void finish() throws InterruptedException {
      stopped = true;
      interrupt();
      join();
      sampleLive();
    }

    private static double usedMiB() {
      return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }
  }
}
