#!/usr/bin/env python3
"""Turns a `tmux capture-pane -p -e` capture into a small HTML page (dark terminal colours).

  infra/cli/ansi-to-html.py docs/images/release-watch.txt > /tmp/release-watch.html
  chromium --headless --screenshot=docs/images/release-watch.png --window-size=1000,420 \
    file:///tmp/release-watch.html

Knows the SGR codes the watch uses: reset, bold, dim, and the foreground colours.
"""
import html
import re
import sys

COLOURS = {30: "#1e1e1e", 31: "#f14c4c", 32: "#23d18b", 33: "#f5f543", 34: "#3b8eea",
           35: "#d670d6", 36: "#29b8db", 37: "#e5e5e5"}
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def convert(text):
    out, bold, dim, colour = [], False, False, None
    pos = 0
    for match in SGR.finditer(text):
        out.append(span(text[pos:match.start()], bold, dim, colour))
        pos = match.end()
        for code in [int(c) if c else 0 for c in match.group(1).split(";")]:
            if code == 0:
                bold, dim, colour = False, False, None
            elif code == 1:
                bold = True
            elif code == 2:
                dim = True
            elif code == 22:
                bold, dim = False, False
            elif code == 39:
                colour = None
            elif code in COLOURS:
                colour = COLOURS[code]
    out.append(span(text[pos:], bold, dim, colour))
    return "".join(out)


def span(text, bold, dim, colour):
    if not text:
        return ""
    style = []
    if bold:
        style.append("font-weight:bold")
    if dim:
        style.append("opacity:0.5")
    if colour:
        style.append("color:" + colour)
    body = html.escape(text)
    return f'<span style="{";".join(style)}">{body}</span>' if style else body


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        capture = f.read().rstrip("\n")
    print(
        "<!doctype html><meta charset='utf-8'><body style='margin:0;background:#1e1e1e'>"
        "<pre style='margin:0;padding:14px;color:#e5e5e5;font:14px/1.3 \"DejaVu Sans Mono\","
        "monospace'>" + convert(capture) + "</pre></body>"
    )


if __name__ == "__main__":
    main()
