#!/usr/bin/env python3
# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Build the OCA ``readme/`` fragments and ``static/description/index.html``
from README.md, the one source.

Called by ``scripts/dev.sh readme``. README.md marks the parts to publish
with HTML comments (invisible on the rendered page)::

    <!-- readme:description --> ... <!-- readme:end -->

``description``, ``configure`` and ``usage`` become ``readme/DESCRIPTION.rst``,
``readme/CONFIGURE.rst`` and ``readme/USAGE.rst``; the same parts and the
screenshots of README.md make ``static/description/index.html``. Only the
Markdown README.md uses is understood: ``##`` headings, paragraphs, ``-``
lists, pipe tables, images, links, ``**bold**``, ``*italic*`` and
```code```. Links to files of the repository keep their text only: the
fragments are published without the repository around them.
``--check`` fails (exit 1) when a generated file is not up to date.
"""
import argparse
import html
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
README = os.path.join(ROOT, "README.md")
FRAGMENTS = {"description": "DESCRIPTION.rst", "configure": "CONFIGURE.rst",
             "usage": "USAGE.rst"}
INDEX = os.path.join(ROOT, "static", "description", "index.html")
SCREENSHOT_DIR = "static/description/"

SECTION_RE = re.compile(r"<!-- readme:(\w+) -->\n(.*?)<!-- readme:end -->", re.S)
IMAGE_RE = re.compile(r"!\[([^\]]*)\]\(([^)]+)\)")
LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
CODE_RE = re.compile(r"`([^`]+)`")
BOLD_RE = re.compile(r"\*\*(.+?)\*\*")
ITALIC_RE = re.compile(r"(?<![*\w])\*(?![\s*])(.+?)(?<![\s*])\*(?![*\w])")


def blocks(text):
    """Split Markdown into (kind, lines) blocks: heading, table, list, image,
    paragraph."""
    result = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = chunk.split("\n")
        if lines[0].startswith("#"):
            result.append(("heading", [lines[0].lstrip("#").strip()]))
            lines = lines[1:]
            if not lines:
                continue
        if lines[0].startswith("|"):
            rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
                    for line in lines if not re.match(r"^\|[\s|:-]+\|$", line)]
            result.append(("table", rows))
        elif lines[0].startswith("- "):
            items = []
            for line in lines:
                if line.startswith("- "):
                    items.append(line[2:].strip())
                else:
                    items[-1] += " " + line.strip()
            result.append(("list", items))
        elif IMAGE_RE.fullmatch(" ".join(lines).strip()):
            result.append(("image", [" ".join(lines).strip()]))
        else:
            result.append(("paragraph", [" ".join(line.strip() for line in lines)]))
    return result


def inline(text, code, link, bold, italic, escape=lambda s: s):
    """Convert inline Markdown; code spans are protected from the rest."""
    spans = []

    def keep(rendered):
        spans.append(rendered)
        return "\x00%d\x00" % (len(spans) - 1)

    text = CODE_RE.sub(lambda m: keep(code(m.group(1))), text)
    text = LINK_RE.sub(lambda m: keep(link(m.group(1), m.group(2))), text)
    text = escape(text)
    text = BOLD_RE.sub(lambda m: bold(m.group(1)), text)
    text = ITALIC_RE.sub(lambda m: italic(m.group(1)), text)
    return re.sub("\x00(\\d+)\x00", lambda m: spans[int(m.group(1))], text)


def is_external(url):
    return url.startswith(("http://", "https://"))


def rst_inline(text):
    def link(label, url):
        return "`%s <%s>`_" % (label, url) if is_external(url) else label
    return inline(text, lambda c: "``%s``" % c, link, lambda b: "**%s**" % b,
                  lambda i: "*%s*" % i)


def html_inline(text):
    def link(label, url):
        if is_external(url):
            return '<a href="%s">%s</a>' % (html.escape(url), html.escape(label))
        return html.escape(label)
    return inline(text, lambda c: "<code>%s</code>" % html.escape(c), link,
                  lambda b: "<strong>%s</strong>" % b, lambda i: "<em>%s</em>" % i,
                  escape=lambda s: html.escape(s, quote=False))


def to_rst(text):
    out = []
    for kind, lines in blocks(text):
        if kind == "heading":
            title = rst_inline(lines[0])
            out.append("%s\n%s" % (title, "~" * len(title)))
        elif kind == "table":
            rows = ["   * - " + "\n     - ".join(rst_inline(cell) or "\\" for cell in row)
                    for row in lines]
            out.append(".. list-table::\n   :header-rows: 1\n\n" + "\n".join(rows))
        elif kind == "list":
            out.append("\n".join("* " + rst_inline(item) for item in lines))
        elif kind == "paragraph":
            out.append(rst_inline(lines[0]))
    return "\n\n".join(out) + "\n"


def to_html(text, level=3):
    out = []
    for kind, lines in blocks(text):
        if kind == "heading":
            out.append("<h%d>%s</h%d>" % (level, html_inline(lines[0]), level))
        elif kind == "table":
            head = "".join("<th>%s</th>" % html_inline(cell) for cell in lines[0])
            body = "".join(
                "<tr>%s</tr>" % "".join("<td>%s</td>" % html_inline(cell) for cell in row)
                for row in lines[1:])
            out.append('<table class="table table-condensed"><thead><tr>%s</tr></thead>'
                       "<tbody>%s</tbody></table>" % (head, body))
        elif kind == "list":
            out.append("<ul>%s</ul>" % "".join("<li>%s</li>" % html_inline(item)
                                               for item in lines))
        elif kind == "image":
            alt, src = IMAGE_RE.fullmatch(lines[0]).groups()
            if src.startswith(SCREENSHOT_DIR):
                src = src[len(SCREENSHOT_DIR):]
            out.append('<div class="oe_demo oe_screenshot"><img src="%s" alt="%s"/></div>'
                       % (html.escape(src), html.escape(alt)))
        else:
            out.append("<p>%s</p>" % html_inline(lines[0]))
    return "\n".join(out)


def screenshots(readme):
    """The images of README.md, each with the paragraph just before it."""
    result, caption = [], ""
    for kind, lines in blocks(readme):
        if kind == "paragraph":
            caption = lines[0]
        elif kind == "image":
            result.append(caption + "\n\n" + lines[0])
            caption = ""
        else:
            caption = ""
    return "\n\n".join(result)


def section(title, body, slogan=None):
    heading = '<h2 class="oe_slogan">%s</h2>' % html.escape(title)
    if slogan:
        heading += '\n        <h3 class="oe_slogan">%s</h3>' % html.escape(slogan)
    return ('<section class="oe_container">\n    <div class="oe_row oe_spaced">\n'
            "        %s\n%s\n    </div>\n</section>\n" % (heading, body))


def build(readme):
    sections = dict(SECTION_RE.findall(readme))
    missing = set(FRAGMENTS) - set(sections)
    if missing:
        raise SystemExit("README.md has no readme:%s section" % ", readme:".join(sorted(missing)))
    # the fragments' titles are the OCA template's
    sections = {key: re.sub(r"^#+ .*\n", "", text.strip()) for key, text in sections.items()}
    files = {os.path.join(ROOT, "readme", name): to_rst(sections[key])
             for key, name in FRAGMENTS.items()}
    title = readme.split("\n", 1)[0].lstrip("#").strip()
    files[INDEX] = "".join([
        "<!-- Generated by scripts/readme.py from README.md: edit README.md. -->\n",
        section(title, to_html(sections["description"]),
                "Every interaction with a customer, on its case."),
        section("Screenshots", to_html(screenshots(readme))),
        section("Configuration", to_html(sections["configure"])),
        section("Usage", to_html(sections["usage"])),
    ])
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="fail when a generated file differs from README.md's content")
    args = parser.parse_args()
    with open(README, encoding="utf-8") as handle:
        files = build(handle.read())
    stale = []
    for path, content in sorted(files.items()):
        current = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as handle:
                current = handle.read()
        if current == content:
            continue
        stale.append(os.path.relpath(path, ROOT))
        if not args.check:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(content)
    for path in stale:
        print("%s %s" % ("stale:" if args.check else "wrote", path))
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
