#!/usr/bin/env python3
# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Run the benchmarks (scripts/bench_*.py) against a throw-away database.

Called by ``scripts/dev.sh bench [--readme] [--docs] [name ...]``. Each
benchmark module defines ``run(env, bench)`` and reports rows with
``bench.add`` or ``bench.measure`` (and text after the table in
``bench.notes``); the result is one markdown table, printed, and written
into docs/benchmarks.md: between the ``bench:start`` / ``bench:end``
markers ("Latest run") with ``--readme``, or in a section of its own for
the benchmarks named with ``--docs``. Each benchmark runs in its own
transaction, rolled back at the end: the database is left as it was. A
module with ``ONLY_RUN_WHEN_NAMED = True`` (the scale benchmark, minutes
long) runs only when named.
"""
import argparse
import glob
import importlib.util
import os
import platform
import statistics
import sys
import time

import odoo

HERE = os.path.dirname(os.path.abspath(__file__))
DOCS = os.path.join(HERE, "..", "docs", "benchmarks.md")
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


class Bench(object):
    """Collects the rows of the report."""

    def __init__(self):
        self.rows = []
        self.notes = []

    def add(self, operation, volume, queries, median_ms, per_second, baseline=""):
        self.rows.append((operation, volume, queries, median_ms, per_second, baseline))
        sys.stderr.write("  %s: %s queries, %.2f ms, %s/s %s\n" % (
            operation, queries, median_ms, per_second, baseline))

    @staticmethod
    def sample(env, function):
        """Call ``function`` once with an empty record cache (as a new
        request has it); return (SQL queries, milliseconds)."""
        env.cache.invalidate()
        start_queries = env.cr.sql_log_count
        start = time.perf_counter()
        function()
        return env.cr.sql_log_count - start_queries, (time.perf_counter() - start) * 1000.0

    @staticmethod
    def measure(env, function, repeat=20, records=1):
        """Call ``function`` ``repeat`` times; return (median SQL queries per
        call, median milliseconds, records per second)."""
        timings, queries = [], []
        for _i in range(repeat):
            count, milliseconds = Bench.sample(env, function)
            queries.append(count)
            timings.append(milliseconds)
        median_ms = statistics.median(timings)
        per_second = int(records * 1000.0 / median_ms) if median_ms else 0
        return int(statistics.median(queries)), median_ms, per_second

    def table(self):
        lines = [
            "| operation | volume | SQL queries | median (ms) | records/s "
            "| Odoo baseline, same run |",
            "|---|---|---|---|---|---|",
        ]
        for operation, volume, queries, median_ms, per_second, baseline in self.rows:
            lines.append("| %s | %s | %s | %.2f | %s | %s |" % (
                operation, volume, queries, median_ms, per_second, baseline or "—"))
        return "\n".join(lines)


def write_readme(table):
    """The table of this run as the "Latest run" of docs/benchmarks.md."""
    with open(DOCS) as handle:
        text = handle.read()
    if START not in text:
        text += "\n## Benchmarks\n\n%s\n%s\n" % (START, END)
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    stamp = "Measured by `scripts/dev.sh bench --readme` on %s." % time.strftime("%Y-%m-%d")
    with open(DOCS, "w") as handle:
        handle.write("%s%s\n%s\n\n%s\n%s%s" % (head, START, stamp, table, END, tail))


def write_docs(bench, names):
    """The table (and notes) of this run in docs/benchmarks.md, in the
    section of the benchmarks run, replaced on the next run of the same."""
    key = "+".join(names) or "all"
    start, end = "<!-- bench:%s:start -->" % key, "<!-- bench:%s:end -->" % key
    text = "# Benchmarks\n"
    if os.path.exists(DOCS):
        with open(DOCS) as handle:
            text = handle.read()
    if start not in text:
        text = text.rstrip("\n") + "\n\n%s\n%s\n" % (start, end)
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    stamp = ("Measured by `scripts/dev.sh bench --docs %s` on %s, %d CPU cores (%s), "
             "load average %.1f at the end (the machine is shared)." % (
                 " ".join(names), time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                 os.cpu_count() or 0, platform.platform(terse=True), os.getloadavg()[0]))
    body = "\n\n".join([stamp, bench.table()] + bench.notes)
    with open(DOCS, "w") as handle:
        handle.write("%s%s\n%s\n%s%s" % (head, start, body, end, tail))


def vacuum(registry):
    """Clear what a rolled-back benchmark leaves behind: its dead rows, and
    the table statistics ANALYZE wrote outside the transaction (100,000
    contacts that no longer exist would mislead the planner in the next
    benchmark)."""
    with registry.cursor() as cr:
        cr.autocommit(True)
        cr.execute("VACUUM ANALYZE")


def settle_indexes(registry):
    """Make the indexes usable by every transaction. An index built on a
    table whose rows were updated in place (HOT) before it existed, as when
    a module adds a stored computed column and its index, is flagged
    ``indcheckxmin``: PostgreSQL ignores it while any transaction of the
    cluster older than the index runs (another database's long test run is
    enough). Once VACUUM has pruned those rows, REINDEX clears the flag."""
    vacuum(registry)
    with registry.cursor() as cr:
        cr.autocommit(True)
        cr.execute("""SELECT indexrelid::regclass::text FROM pg_index
                       WHERE indcheckxmin AND indexrelid::regclass::text NOT LIKE 'pg_%'""")
        names = [row[0] for row in cr.fetchall()]
        for name in names:
            # names read from pg_index just above
            cr.execute(  # pylint: disable=sql-injection
                'REINDEX INDEX "%s"' % name.replace('"', ''))
        if names:
            sys.stderr.write("reindexed %d indexes flagged indcheckxmin\n" % len(names))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--readme", action="store_true",
                        help="write the table as the latest run in docs/benchmarks.md")
    parser.add_argument("--docs", action="store_true",
                        help="write the table into docs/benchmarks.md")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    odoo.tools.config["log_level"] = "warn"
    odoo.netsvc.init_logger()
    paths = sorted(glob.glob(os.path.join(HERE, "bench_*.py")))
    if args.names:
        paths = [p for p in paths if os.path.basename(p)[6:-3] in args.names]
    bench = Bench()
    with odoo.api.Environment.manage():
        registry = odoo.registry(args.database)
        settle_indexes(registry)
        for path in paths:
            spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            if getattr(module, "ONLY_RUN_WHEN_NAMED", False) and not args.names:
                continue
            sys.stderr.write("benchmark %s\n" % os.path.basename(path))
            with registry.cursor() as cr:
                try:
                    module.run(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}), bench)
                finally:
                    # each benchmark leaves the database as it found it
                    cr.rollback()
            vacuum(registry)
    print(bench.table())
    for note in bench.notes:
        print("\n" + note)
    if args.readme:
        write_readme(bench.table())
    if args.docs:
        write_docs(bench, args.names)


if __name__ == "__main__":
    main()
