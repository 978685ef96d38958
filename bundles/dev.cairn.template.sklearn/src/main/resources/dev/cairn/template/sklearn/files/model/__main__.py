"""Command line: python -m model train|predict (see README.md)."""
from __future__ import annotations

import argparse
import json
import sys

import pandas as pd

from . import train as training
from .data import SPEC


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m model", description=SPEC["title"])
    sub = parser.add_subparsers(dest="command", required=True)
    fit = sub.add_parser("train", help="train, evaluate on the held-out split, save the pipeline")
    fit.add_argument("--out", default="artifacts/model.joblib")
    fit.add_argument("--metrics", default="artifacts/metrics.json")
    predict = sub.add_parser("predict", help="predict for the rows of a CSV file (feature columns)")
    predict.add_argument("csv")
    predict.add_argument("--model", default="artifacts/model.joblib")
    args = parser.parse_args(argv)
    try:
        if args.command == "train":
            model, report = training.train()
            training.save(model, args.out)
            training.write_report(report, args.metrics)
            print(json.dumps({"metrics": report["metrics"], "baseline": report["baseline"], "model": args.out}))
        else:
            model = training.load(args.model)
            for value in model.predict(pd.read_csv(args.csv)):
                print(value)
    except (FileNotFoundError, KeyError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
