package io.waveguard.api.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Relative links between Markdown pages, checked the way GitHub resolves them: each names a file
 * that exists inside the repository and, with a {@code #fragment} into a Markdown page, a heading
 * of that page (GitHub's anchor of the heading's text).
 */
final class MarkdownLinks {

  /** One link as written on a page: the page, its line (1-based) and its target. */
  record Link(Path page, int line, String target) {}

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:\\s+(.*?))?\\s*$");
  private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)\\s*$");
  private static final Pattern INLINE_LINK =
      Pattern.compile("!?\\[([^\\]]*)\\]\\(\\s*(<[^>]*>|[^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
  private static final Pattern REFERENCE_DEFINITION =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*(<[^>]*>|\\S+)");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
  private static final Pattern LINE_ANCHOR = Pattern.compile("L\\d+(-L\\d+)?");

  private MarkdownLinks() {}

  /**
   * The documentation a reader can follow from the front door: {@code README.md}, every page under
   * {@code docs/} and the Markdown files at the top of each module or other directory (such as
   * {@code simulation/README.md}).
   */
  static List<Path> documentationPages(Path root) {
    List<Path> pages = new ArrayList<>();
    pages.add(root.resolve("README.md"));
    pages.addAll(markdownIn(root.resolve("docs"), Integer.MAX_VALUE));
    try (Stream<Path> entries = Files.list(root)) {
      entries
          .filter(Files::isDirectory)
          .filter(dir -> !dir.getFileName().toString().startsWith("."))
          .filter(dir -> !List.of("docs", "target").contains(dir.getFileName().toString()))
          .sorted()
          .forEach(dir -> pages.addAll(markdownIn(dir, 1)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return pages;
  }

  /** The pages directly in {@code docs/}: each must be reachable from the README. */
  static List<Path> docsPages(Path root) {
    return markdownIn(root.resolve("docs"), 1);
  }

  /** Every broken relative link on the given pages, one sentence each; empty when all resolve. */
  static List<String> brokenLinks(Path root, List<Path> pages) {
    Path top = root.toAbsolutePath().normalize();
    Map<Path, Set<String>> anchorsByPage = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (Path page : pages) {
      for (Link link : links(page)) {
        String problem = problem(top, link, anchorsByPage);
        if (problem != null) {
          problems.add(
              "%s:%d: %s: %s"
                  .formatted(top.relativize(absolute(page)), link.line(), link.target(), problem));
        }
      }
    }
    return problems;
  }

  /** The pages that {@code index} does not link to (a link with a fragment counts). */
  static List<Path> notLinkedFrom(Path index, List<Path> pages) {
    Set<Path> linked = new LinkedHashSet<>();
    for (Link link : links(index)) {
      String path = pathPart(link.target());
      if (isRelative(link.target()) && !path.isEmpty()) {
        linked.add(resolve(index, path));
      }
    }
    return pages.stream().filter(page -> !linked.contains(absolute(page))).toList();
  }

  /** The relative and absolute links on a page, outside code blocks and code spans. */
  static List<Link> links(Path page) {
    List<Link> links = new ArrayList<>();
    List<String> lines = proseLines(read(page));
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher inline = INLINE_LINK.matcher(line);
      while (inline.find()) {
        links.add(new Link(page, i + 1, unbracket(inline.group(2))));
      }
      Matcher definition = REFERENCE_DEFINITION.matcher(line);
      if (definition.find()) {
        links.add(new Link(page, i + 1, unbracket(definition.group(1))));
      }
    }
    return links;
  }

  /** The anchors GitHub gives the headings of a page, duplicates numbered as GitHub does. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    List<String> lines = proseLines(markdown);
    for (int i = 0; i < lines.size(); i++) {
      String heading = headingText(lines, i);
      if (heading == null) {
        continue;
      }
      String anchor = anchorOf(heading);
      int count = seen.merge(anchor, 1, Integer::sum);
      anchors.add(count == 1 ? anchor : anchor + "-" + (count - 1));
    }
    return anchors;
  }

  /**
   * GitHub's anchor of a heading: its rendered text lower-cased, every character that is not a
   * letter, digit, mark, space, hyphen or underscore dropped, and each space a hyphen.
   */
  static String anchorOf(String heading) {
    String text = INLINE_LINK.matcher(heading).replaceAll("$1").replaceAll("<[^>]+>", "");
    StringBuilder anchor = new StringBuilder();
    text.toLowerCase(Locale.ROOT)
        .codePoints()
        .forEach(
            c -> {
              if (c == ' ') {
                anchor.append('-');
              } else if (c == '-' || c == '_' || Character.isLetterOrDigit(c) || isMark(c)) {
                anchor.appendCodePoint(c);
              }
            });
    return anchor.toString();
  }

  private static String problem(Path root, Link link, Map<Path, Set<String>> anchorsByPage) {
    String target = link.target();
    if (!isRelative(target)) {
      return null;
    }
    String path = pathPart(target);
    Path file = path.isEmpty() ? absolute(link.page()) : resolve(link.page(), path);
    if (!file.startsWith(root)) {
      return "points outside the repository";
    }
    if (!Files.exists(file)) {
      return "no such file " + root.relativize(file);
    }
    int hash = target.indexOf('#');
    if (hash < 0) {
      return null;
    }
    String fragment = decode(target.substring(hash + 1));
    if (!file.getFileName().toString().endsWith(".md")) {
      return LINE_ANCHOR.matcher(fragment).matches()
          ? null
          : "a fragment into a file that is not Markdown";
    }
    Set<String> anchors = anchorsByPage.computeIfAbsent(file, f -> anchors(read(f)));
    return anchors.contains(fragment)
        ? null
        : "no heading with anchor #%s in %s".formatted(fragment, root.relativize(file));
  }

  /** The heading text on line {@code i} (ATX, or Setext underlined by the next line), else null. */
  private static String headingText(List<String> lines, int i) {
    Matcher atx = ATX_HEADING.matcher(lines.get(i));
    if (atx.matches()) {
      String text = atx.group(2) == null ? "" : atx.group(2);
      return text.replaceAll("\\s+#+$", "").replaceAll("^#+$", "");
    }
    String line = lines.get(i);
    if (i + 1 < lines.size()
        && SETEXT_UNDERLINE.matcher(lines.get(i + 1)).matches()
        && !line.isBlank()
        && !line.matches("^ {0,3}([-*+>|]|\\d+[.)]).*")) {
      return line.strip();
    }
    return null;
  }

  /** The page's lines with fenced code blanked and code spans removed, so neither links. */
  private static List<String> proseLines(String markdown) {
    List<String> lines = new ArrayList<>();
    String fence = null;
    for (String line : markdown.split("\n", -1)) {
      Matcher opening = FENCE.matcher(line);
      if (fence == null && opening.find()) {
        fence = opening.group(1);
        lines.add("");
      } else if (fence != null) {
        if (closes(fence, line.strip())) {
          fence = null;
        }
        lines.add("");
      } else {
        lines.add(CODE_SPAN.matcher(line).replaceAll(""));
      }
    }
    return lines;
  }

  /** A closing fence: the opening's character, at least as many of them, nothing else. */
  private static boolean closes(String fence, String line) {
    return line.startsWith(fence) && line.chars().allMatch(c -> c == fence.charAt(0));
  }

  private static boolean isRelative(String target) {
    return !target.isEmpty() && !SCHEME.matcher(target).find() && !target.startsWith("//");
  }

  private static String pathPart(String target) {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static Path resolve(Path page, String path) {
    Path base = absolute(page).getParent();
    return base.resolve(decode(path)).normalize();
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String unbracket(String target) {
    return target.startsWith("<") && target.endsWith(">")
        ? target.substring(1, target.length() - 1)
        : target;
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static Path absolute(Path page) {
    return page.toAbsolutePath().normalize();
  }

  private static List<Path> markdownIn(Path directory, int depth) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory, depth)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".md") && Files.isRegularFile(f))
          .filter(f -> !f.toString().contains("/target/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path page) {
    try {
      return Files.readString(page);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
