package io.waveguard.simulation.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.waveguard.simulation.scenario.Scenario;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes results.json: {"scenario": {...}, "cells": [{"scenario", "rho", "faultMagnitude",
 * "strategies": [{"name", "faulty": {...}, "good": {...}, "ratios": {...}}], "oracle": {...}}]}.
 * Undefined figures (NaN) are null.
 */
public final class ResultsJson {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsJson() {}

  public static void write(Scenario scenario, List<CellSummary> cells, Path file)
      throws IOException {
    JSON.writeValue(file.toFile(), tree(scenario, cells));
  }

  public static ObjectNode tree(Scenario scenario, List<CellSummary> cells) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode about = root.putObject("scenario");
    about.put("name", scenario.name());
    about.put("description", scenario.description());
    about.put("seeds", scenario.seeds());
    about.put("releasesPerSeed", scenario.releasesPerSeed());
    about.put("faultyFraction", scenario.faultyFraction());
    ArrayNode array = root.putArray("cells");
    for (CellSummary cell : cells) {
      ObjectNode node = array.addObject();
      node.put("scenario", cell.scenario());
      number(node, "rho", cell.rho());
      number(node, "faultMagnitude", cell.faultMagnitude());
      node.put("seeds", cell.seeds());
      node.put("releasesPerSeed", cell.releasesPerSeed());
      ArrayNode strategies = node.putArray("strategies");
      cell.strategies().forEach(s -> strategy(strategies.addObject(), s));
      ObjectNode oracle = node.putObject("oracle");
      estimate(oracle, "highTierExposure", cell.oracle().highTierExposure());
      estimate(oracle, "totalExposure", cell.oracle().totalExposure());
      number(oracle, "requestsNeeded", cell.oracle().requestsNeeded());
    }
    return root;
  }

  private static void strategy(ObjectNode node, StrategySummary s) {
    node.put("name", s.name());
    StrategySummary.Faulty f = s.faulty();
    ObjectNode faulty = node.putObject("faulty");
    faulty.put("releases", f.releases());
    estimate(faulty, "highTierExposure", f.highTierExposure());
    estimate(faulty, "totalExposure", f.totalExposure());
    ObjectNode tiers = faulty.putObject("tierExposure");
    for (Map.Entry<String, Estimate> tier : f.tierExposure().entrySet()) {
      estimate(tiers, tier.getKey(), tier.getValue());
    }
    estimate(faulty, "safetyCriticalTouchedRate", f.safetyCriticalTouchedRate());
    estimate(faulty, "highTierTargetsTouched", f.highTierTargetsTouched());
    ObjectNode detect = faulty.putObject("timeToDetectMinutes");
    number(detect, "median", f.timeToDetectMedianMinutes().value());
    number(detect, "p95", f.timeToDetectP95Minutes());
    interval(detect, "ci95", f.timeToDetectMedianMinutes());
    detect.put("detected", f.detected());
    estimate(faulty, "escapeRate", f.escapeRate());
    estimate(faulty, "fullExposureRate", f.fullExposureRate());

    StrategySummary.Good g = s.good();
    ObjectNode good = node.putObject("good");
    good.put("releases", g.releases());
    ObjectNode rollout = good.putObject("timeToFullRolloutMinutes");
    number(rollout, "median", g.timeToFullRolloutMedianMinutes().value());
    number(rollout, "p90", g.timeToFullRolloutP90Minutes());
    number(rollout, "mean", g.timeToFullRolloutMeanMinutes().value());
    interval(rollout, "ci95", g.timeToFullRolloutMedianMinutes());
    interval(rollout, "meanCi95", g.timeToFullRolloutMeanMinutes());
    estimate(good, "falseRollbackRate", g.falseRollbackRate());
    number(good, "holdsPerRelease", g.holdsPerRelease());

    StrategySummary.Ratios r = s.ratios();
    ObjectNode ratios = node.putObject("ratios");
    ObjectNode canary = ratios.putObject("vsCanary");
    estimate(canary, "highTierExposure", r.highTierExposureVsCanary());
    estimate(canary, "totalExposure", r.totalExposureVsCanary());
    estimate(canary, "timeToFullRolloutMedian", r.timeToFullRolloutVsCanary());
    ObjectNode oracle = ratios.putObject("vsOracle");
    estimate(oracle, "highTierExposure", r.highTierExposureVsFloor());
    estimate(oracle, "totalExposure", r.totalExposureVsFloor());
  }

  /** {"mean": v, "ci95": [low, high]}. */
  private static void estimate(ObjectNode parent, String field, Estimate e) {
    ObjectNode node = parent.putObject(field);
    number(node, "mean", e.value());
    interval(node, "ci95", e);
  }

  private static void interval(ObjectNode node, String field, Estimate e) {
    ArrayNode ci = node.putArray(field);
    addNumber(ci, e.low());
    addNumber(ci, e.high());
  }

  private static void number(ObjectNode node, String field, double v) {
    if (Double.isFinite(v)) {
      node.put(field, v);
    } else {
      node.putNull(field);
    }
  }

  private static void addNumber(ArrayNode array, double v) {
    if (Double.isFinite(v)) {
      array.add(v);
    } else {
      array.addNull();
    }
  }
}
