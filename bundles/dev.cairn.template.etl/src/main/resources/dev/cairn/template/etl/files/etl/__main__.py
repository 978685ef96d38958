"""Command line: python -m etl load|export|run ... (see README.md)."""
from __future__ import annotations

import argparse
import sys

from . import pipeline


def main(argv: list[str] | None = None) -> int:
    tables = [t["name"] for t in pipeline.SPEC["tables"]]
    parser = argparse.ArgumentParser(prog="python -m etl", description=pipeline.SPEC["title"])
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="validate and transform a CSV file into SQLite")
    load.add_argument("csv")
    load.add_argument("--db", default="data.db")
    load.add_argument("--table", choices=tables, default=tables[0])
    export = sub.add_parser("export", help="write a SQLite table back to CSV")
    export.add_argument("--db", default="data.db")
    export.add_argument("--table", default=tables[0])
    export.add_argument("--out", required=True)
    run = sub.add_parser("run", help="load every table's sample CSV from data/, then export the results to out/")
    run.add_argument("--db", default="data.db")
    run.add_argument("--out-dir", default="out")
    args = parser.parse_args(argv)
    try:
        if args.command == "load":
            result = pipeline.load(args.csv, args.db, args.table)
            print(f"{result.table}: {len(result.clean)} rows loaded, {len(result.rejected)} rejected"
                  + "".join(f", {name}" for name in result.aggregates))
        elif args.command == "export":
            print(f"{args.table}: {pipeline.export(args.db, args.table, args.out)} rows written to {args.out}")
        else:
            from pathlib import Path
            out = Path(args.out_dir)
            out.mkdir(parents=True, exist_ok=True)
            for table in pipeline.SPEC["tables"]:
                result = pipeline.load(Path("data") / table["source"], args.db, table["name"])
                names = [table["name"], *result.aggregates]
                for name in names:
                    pipeline.export(args.db, name, out / f"{name}.csv")
                print(f"{table['name']}: {len(result.clean)} rows loaded, {len(result.rejected)} rejected; "
                      f"wrote {', '.join(f'{n}.csv' for n in names)} to {out}/")
    except (pipeline.SchemaError, FileNotFoundError, KeyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
