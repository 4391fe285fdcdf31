package io.waveguard.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The api module's packages import one way: no package reaches, through any chain of imports, back
 * to itself. (The wiring once looped application → demo command → demo → embedded server →
 * application.)
 */
class PackageCyclesTest {

  private static final String ROOT = "io.waveguard.api";
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?(io\\.waveguard\\.api(?:\\.[a-z]\\w*)*)\\.[A-Z]");

  @Test
  void noPackageOfTheApiModuleImportsItselfThroughOthers() throws IOException {
    Map<String, Set<String>> imports = packageImports(Path.of("src/main/java/io/waveguard/api"));
    assertThat(imports).containsKeys(ROOT, ROOT + ".core", ROOT + ".resources");

    assertThat(cycles(imports)).isEmpty();
  }

  @Test
  void theCycleFinderFindsALoopOfThreePackages() {
    Map<String, Set<String>> looping = new TreeMap<>();
    looping.put("a", Set.of("b"));
    looping.put("b", Set.of("c"));
    looping.put("c", Set.of("a"));
    looping.put("d", Set.of("a"));

    assertThat(cycles(looping)).containsExactly(List.of("a", "b", "c"));
  }

  /** Each package of the tree and the packages (of this module) its classes import. */
  private static Map<String, Set<String>> packageImports(Path root) throws IOException {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg =
            ROOT
                + root.relativize(file.getParent())
                    .toString()
                    .replace('/', '.')
                    .transform(rel -> rel.isEmpty() ? "" : "." + rel);
        Set<String> targets = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
        for (String line : Files.readAllLines(file)) {
          Matcher m = IMPORT.matcher(line);
          if (m.find() && !m.group(1).equals(pkg)) {
            targets.add(m.group(1));
          }
        }
      }
    }
    return graph;
  }

  /** The strongly connected components with more than one package (Tarjan), each sorted. */
  static List<List<String>> cycles(Map<String, Set<String>> graph) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new TreeSet<>();
    List<List<String>> found = new ArrayList<>();
    int[] counter = {0};
    for (String node : graph.keySet()) {
      if (!index.containsKey(node)) {
        connect(node, graph, index, low, stack, onStack, found, counter);
      }
    }
    return found;
  }

  private static void connect(
      String node,
      Map<String, Set<String>> graph,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Deque<String> stack,
      Set<String> onStack,
      List<List<String>> found,
      int[] counter) {
    index.put(node, counter[0]);
    low.put(node, counter[0]);
    counter[0]++;
    stack.push(node);
    onStack.add(node);
    for (String next : graph.getOrDefault(node, Set.of())) {
      if (!index.containsKey(next)) {
        connect(next, graph, index, low, stack, onStack, found, counter);
        low.put(node, Math.min(low.get(node), low.get(next)));
      } else if (onStack.contains(next)) {
        low.put(node, Math.min(low.get(node), index.get(next)));
      }
    }
    if (low.get(node).equals(index.get(node))) {
      List<String> component = new ArrayList<>();
      String member;
      do {
        member = stack.pop();
        onStack.remove(member);
        component.add(member);
      } while (!member.equals(node));
      if (component.size() > 1) {
        component.sort(String::compareTo);
        found.add(component);
      }
    }
  }
}
