"""CSV <-> SQLite pipeline driven by etl/spec.json: load, validate, transform, aggregate, export."""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

SPEC = json.loads(Path(__file__).with_name("spec.json").read_text(encoding="utf-8"))

# pandas' nullable dtypes keep missing values as <NA> instead of silently turning ints into floats
DTYPES = {"int": "Int64", "float": "Float64", "bool": "boolean", "str": "string", "date": "string"}
TRUE = {"true", "1", "yes", "y", "t"}
FALSE = {"false", "0", "no", "n", "f"}


class SchemaError(ValueError):
    """The input cannot be processed at all (e.g. a required column is missing)."""


@dataclass
class Result:
    table: str
    clean: pd.DataFrame
    rejected: pd.DataFrame
    aggregates: dict[str, pd.DataFrame] = field(default_factory=dict)


def table_spec(name: str) -> dict:
    for table in SPEC["tables"]:
        if table["name"] == name:
            return table
    raise KeyError(f"unknown table {name!r}; known: {', '.join(t['name'] for t in SPEC['tables'])}")


def read_csv(path: str | Path) -> pd.DataFrame:
    """Reads every cell as text, so validation sees exactly what the file says."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def _convert(value: str, kind: str):
    """The typed value, or raises ValueError with the reason."""
    text = value.strip()
    if kind == "int":
        number = float(text)
        if not number.is_integer():
            raise ValueError(f"{text!r} is not a whole number")
        return int(number)
    if kind == "float":
        return float(text)
    if kind == "bool":
        lowered = text.lower()
        if lowered in TRUE:
            return True
        if lowered in FALSE:
            return False
        raise ValueError(f"{text!r} is not true/false")
    if kind == "date":
        return pd.to_datetime(text, format="%Y-%m-%d").strftime("%Y-%m-%d")
    return text


def validate(raw: pd.DataFrame, table: dict) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Splits rows into typed clean rows and rejected rows with a reason each.

    Checks: required columns exist (else SchemaError), required values present, values of the declared type,
    and no duplicate rows (on the key columns when the spec names them, else on all columns).
    """
    columns = [c["name"] for c in table["columns"]]
    missing = [c["name"] for c in table["columns"] if c["required"] and c["name"] not in raw.columns]
    if missing:
        raise SchemaError(f"{table['name']}: required column(s) missing: {', '.join(missing)}")
    raw = raw.reindex(columns=columns, fill_value="")
    clean_rows, rejected_rows = [], []
    for index, row in raw.iterrows():
        typed, problems = {}, []
        for column in table["columns"]:
            value = str(row[column["name"]]).strip()
            if value == "":
                if column["required"]:
                    problems.append(f"{column['name']} is required")
                typed[column["name"]] = None
                continue
            try:
                typed[column["name"]] = _convert(value, column["type"])
            except ValueError as error:
                problems.append(f"{column['name']}: {error}".split("\n")[0])
        if problems:
            rejected_rows.append({"row": int(index) + 2, **{c: row[c] for c in columns}, "reason": "; ".join(problems)})
        else:
            clean_rows.append(typed)
    clean = pd.DataFrame(clean_rows, columns=columns)
    key = table.get("key") or columns
    duplicated = clean.duplicated(subset=key, keep="first")
    if duplicated.any():
        for _, row in clean[duplicated].iterrows():
            rejected_rows.append({"row": None, **{c: row[c] for c in columns},
                                  "reason": "duplicate of an earlier row on " + ", ".join(key)})
        clean = clean[~duplicated]
    clean = clean.astype({c["name"]: DTYPES[c["type"]] for c in table["columns"]}).reset_index(drop=True)
    rejected = pd.DataFrame(rejected_rows, columns=["row", *columns, "reason"])
    return clean, rejected


OPS = {"*": lambda a, b: a * b, "+": lambda a, b: a + b, "-": lambda a, b: a - b, "/": lambda a, b: a / b}
COMPARE = {">": "gt", ">=": "ge", "<": "lt", "<=": "le", "==": "eq", "!=": "ne"}


def transform(df: pd.DataFrame, table: dict) -> pd.DataFrame:
    """Derived columns first, then filters, as the spec lists them."""
    out = df.copy()
    for derived in table.get("derived", []):
        out[derived["name"]] = OPS[derived["op"]](out[derived["left"]].astype("Float64"),
                                                  out[derived["right"]].astype("Float64"))
    for rule in table.get("filters", []):
        column = out[rule["column"]]
        value = rule["value"]
        if pd.api.types.is_numeric_dtype(column):
            value = float(value)
        out = out[getattr(column, COMPARE[rule["op"]])(value).fillna(False)]
    return out.reset_index(drop=True)


FUNCS = {"sum": "sum", "mean": "mean", "count": "count", "min": "min", "max": "max"}


def aggregate(df: pd.DataFrame, table: dict) -> dict[str, pd.DataFrame]:
    """One grouped table per aggregate in the spec, named <table>_<func>_<column>_by_<group>."""
    results = {}
    for agg in table.get("aggregates", []):
        name = f"{table['name']}_{agg['func']}_{agg['column']}_by_{agg['by']}"
        # named aggregation: the result column never collides with the group column ("count of city by city")
        results[name] = df.groupby(agg["by"], dropna=False).agg(
            **{f"{agg['func']}_{agg['column']}": (agg["column"], FUNCS[agg["func"]])}).reset_index()
    return results


def load(csv_path: str | Path, db_path: str | Path, table_name: str | None = None) -> Result:
    """CSV -> validated, transformed rows in SQLite; rejected rows go to <table>_rejected, aggregates to their own
    tables. Re-running replaces the tables, so a load is idempotent."""
    table = table_spec(table_name or SPEC["tables"][0]["name"])
    clean, rejected = validate(read_csv(csv_path), table)
    result = Result(table["name"], transform(clean, table), rejected)
    result.aggregates = aggregate(result.clean, table)
    with sqlite3.connect(db_path) as db:
        result.clean.to_sql(table["name"], db, if_exists="replace", index=False)
        rejected.astype("string").to_sql(f"{table['name']}_rejected", db, if_exists="replace", index=False)
        for name, frame in result.aggregates.items():
            frame.to_sql(name, db, if_exists="replace", index=False)
    return result


def read_table(db_path: str | Path, table_name: str) -> pd.DataFrame:
    """A table back from SQLite with the spec's types (SQLite keeps ints, floats and text; bools come back as 0/1)."""
    with sqlite3.connect(db_path) as db:
        frame = pd.read_sql_query(f'SELECT * FROM "{table_name}"', db)
    try:
        table = table_spec(table_name)
    except KeyError:
        return frame
    types = {c["name"]: DTYPES[c["type"]] for c in table["columns"] if c["name"] in frame.columns}
    for name, kind in types.items():
        if kind == "boolean":
            frame[name] = frame[name].map(lambda v: None if v is None or pd.isna(v) else bool(v))
    return frame.astype(types)


def export(db_path: str | Path, table_name: str, csv_path: str | Path) -> int:
    """SQLite -> CSV; returns the number of rows written."""
    frame = read_table(db_path, table_name)
    frame.to_csv(csv_path, index=False)
    return len(frame)
