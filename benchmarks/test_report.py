"""The BENCHMARKS.md writer keeps the sections other runs wrote."""

import datetime as dt

from benchmarks.report import Figure, write_report


def test_rewrite_keeps_million_scale_and_ten_million_sections_in_order(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    path.write_text(
        "# Benchmarks\n\nold table\n\n"
        "<!-- million:start -->\n## At a million\n| list | 90 ms |\n<!-- million:end -->\n\n"
        "<!-- scale:start -->\n## City scale\n| queue | 119 ms |\n<!-- scale:end -->\n\n"
        "<!-- scale-10m:start -->\n## Ten million, by hand\n<!-- scale-10m:end -->\n",
        encoding="utf-8",
    )
    write_report(path, [Figure(name="new figure", value="1 ms")], machine="test",
                 when=dt.datetime(2026, 12, 7, 11, 0))
    text = path.read_text(encoding="utf-8")
    assert "old table" not in text
    assert "| new figure | 1 ms |" in text
    assert "<!-- million:start -->\n## At a million\n| list | 90 ms |\n<!-- million:end -->" in text
    assert "<!-- scale:start -->\n## City scale\n| queue | 119 ms |\n<!-- scale:end -->" in text
    assert "<!-- scale-10m:start -->\n## Ten million, by hand\n<!-- scale-10m:end -->" in text
    assert (text.index("new figure") < text.index("million:start") < text.index("scale:start")
            < text.index("scale-10m:start"))


def test_rewrite_without_kept_sections_writes_only_the_table(tmp_path):
    path = tmp_path / "BENCHMARKS.md"
    write_report(path, [Figure(name="only", value="2 ms")], machine="test",
                 when=dt.datetime(2026, 12, 7, 11, 0))
    text = path.read_text(encoding="utf-8")
    assert "| only | 2 ms |" in text
    assert "<!--" not in text


def test_replace_section_keeps_the_rest_and_appends_when_missing(tmp_path):
    from benchmarks.report import replace_section

    path = tmp_path / "BENCHMARKS.md"
    path.write_text("# Benchmarks\n\nbefore\n<!-- million:start -->\nold\n<!-- million:end -->\n"
                    "after\n", encoding="utf-8")
    replace_section(path, "million", "<!-- million:start -->\nnew\n<!-- million:end -->")
    replace_section(path, "scale", "<!-- scale:start -->\ngrown\n<!-- scale:end -->")
    text = path.read_text(encoding="utf-8")
    assert "old" not in text
    assert "before\n<!-- million:start -->\nnew\n<!-- million:end -->\nafter\n" in text
    assert text.rstrip().endswith("<!-- scale:start -->\ngrown\n<!-- scale:end -->")
