#!/usr/bin/env python3
# Copyright 2026 Interaction Tracker developers
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Run the benchmarks: every scripts/bench_*.py module's ``run(env)``.

    python scripts/bench.py -c odoo.conf -d database [name ...]

``run(env)`` returns rows (dicts with operation, volume, queries, median_ms,
records_s); they are printed as one markdown table. The transaction is
rolled back at the end: the database is left as it was.
"""
import argparse
import glob
import importlib.util
import os
import statistics
import time

import odoo

HERE = os.path.dirname(os.path.abspath(__file__))
COLUMNS = ("operation", "volume", "queries", "median_ms", "records_s")


def measure(env, function, arguments, records=1):
    """Call ``function(argument)`` for each argument: (max queries per call,
    median ms, records per second)."""
    durations, queries = [], []
    for argument in arguments:
        start_queries = env.cr.sql_log_count
        start = time.perf_counter()
        function(argument)
        durations.append(time.perf_counter() - start)
        queries.append(env.cr.sql_log_count - start_queries)
    median = statistics.median(durations)
    return max(queries), round(median * 1000, 2), round(records / median) if median else 0


def load_benchmarks(names):
    modules = []
    for path in sorted(glob.glob(os.path.join(HERE, "bench_*.py"))):
        name = os.path.basename(path)[len("bench_"):-len(".py")]
        if names and name not in names:
            continue
        spec = importlib.util.spec_from_file_location("bench_%s" % name, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    args = parser.parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database])
    rows = []
    with odoo.api.Environment.manage():
        registry = odoo.registry(args.database)
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            try:
                for module in load_benchmarks(args.names):
                    rows += module.run(env)
            finally:
                cr.rollback()
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row in rows:
        print("| " + " | ".join(str(row.get(column, "")) for column in COLUMNS) + " |")


if __name__ == "__main__":
    main()
