"""Tests generated for every table in etl/spec.json: round trip, bad rows, schema errors, transforms, the CLI."""
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from etl import pipeline

ROOT = Path(__file__).resolve().parents[1]
TABLES = pipeline.SPEC["tables"]
IDS = [t["name"] for t in TABLES]


def sample(table):
    return pipeline.read_csv(ROOT / "data" / table["source"])


def good_row(table):
    """The first sample row that passes validation, as text cells."""
    clean, _ = pipeline.validate(sample(table), table)
    assert len(clean) > 0, "the sample data has valid rows"
    raw = sample(table)
    for _, row in raw.iterrows():
        one, _ = pipeline.validate(pd.DataFrame([row]), table)
        if len(one) == 1:
            return {c["name"]: row.get(c["name"], "") for c in table["columns"]}
    raise AssertionError("no valid sample row")


def write(tmp_path, rows, columns):
    path = tmp_path / "input.csv"
    pd.DataFrame(rows, columns=columns).to_csv(path, index=False)
    return path


@pytest.mark.parametrize("table", TABLES, ids=IDS)
def test_sample_loads_with_declared_types(table, tmp_path):
    result = pipeline.load(ROOT / "data" / table["source"], tmp_path / "t.db", table["name"])
    assert len(result.clean) > 0
    for column in table["columns"]:
        assert str(result.clean[column["name"]].dtype) == pipeline.DTYPES[column["type"]]


@pytest.mark.parametrize("table", TABLES, ids=IDS)
def test_round_trip_csv_sqlite_csv_keeps_every_value(table, tmp_path):
    db, out = tmp_path / "t.db", tmp_path / "out.csv"
    clean, _ = pipeline.validate(sample(table), table)
    pipeline.load(ROOT / "data" / table["source"], db, table["name"])
    pipeline.export(db, table["name"], out)
    back, rejected = pipeline.validate(pipeline.read_csv(out), table)
    assert len(rejected) == 0
    expected = pipeline.transform(clean, table)[[c["name"] for c in table["columns"]]]
    pd.testing.assert_frame_equal(back, expected, check_dtype=True)


@pytest.mark.parametrize("table", TABLES, ids=IDS)
def test_bad_rows_are_rejected_with_a_reason_and_good_rows_kept(table, tmp_path):
    columns = [c["name"] for c in table["columns"]]
    good = good_row(table)
    rows = [good]
    reasons = []
    required = [c for c in table["columns"] if c["required"]]
    if required:
        rows.append({**good, required[0]["name"]: ""})
        reasons.append(f"{required[0]['name']} is required")
    typed = [c for c in table["columns"] if c["type"] != "str"]
    if typed:
        rows.append({**good, typed[0]["name"]: "not-a-value"})
        reasons.append(typed[0]["name"] + ":")
    rows.append(dict(good))  # an exact duplicate
    reasons.append("duplicate")
    clean, rejected = pipeline.validate(pipeline.read_csv(write(tmp_path, rows, columns)), table)
    assert len(clean) == 1
    assert len(rejected) == len(reasons)
    for reason, got in zip(reasons, rejected["reason"]):
        assert reason in got


@pytest.mark.parametrize("table", TABLES, ids=IDS)
def test_a_missing_required_column_is_a_schema_error(table, tmp_path):
    required = [c["name"] for c in table["columns"] if c["required"]]
    if not required:
        pytest.skip("no required column")
    columns = [c["name"] for c in table["columns"] if c["name"] != required[0]]
    path = write(tmp_path, [{c: "x" for c in columns}], columns)
    with pytest.raises(pipeline.SchemaError, match=required[0]):
        pipeline.load(path, tmp_path / "t.db", table["name"])


@pytest.mark.parametrize("table", TABLES, ids=IDS)
def test_transforms_do_what_the_spec_says(table, tmp_path):
    clean, _ = pipeline.validate(sample(table), table)
    out = pipeline.transform(clean, table)
    for derived in table.get("derived", []):
        left, right = clean[derived["left"]].astype(float), clean[derived["right"]].astype(float)
        if not table.get("filters"):
            expected = {"*": left * right, "+": left + right, "-": left - right, "/": left / right}[derived["op"]]
            assert out[derived["name"]].astype(float).round(9).tolist() == expected.round(9).tolist()
    for rule in table.get("filters", []):
        column = out[rule["column"]]
        value = float(rule["value"]) if pd.api.types.is_numeric_dtype(column) else rule["value"]
        assert column.map(lambda v: {">": v > value, ">=": v >= value, "<": v < value, "<=": v <= value,
                                     "==": v == value, "!=": v != value}[rule["op"]]).all()
    for name, frame in pipeline.aggregate(out, table).items():
        agg = next(a for a in table["aggregates"] if name.endswith(f"_{a['func']}_{a['column']}_by_{a['by']}"))
        values = frame[f"{agg['func']}_{agg['column']}"]
        if agg["func"] == "count":
            assert values.sum() == out[agg["column"]].notna().sum()
        elif agg["func"] == "sum":
            assert values.sum() == pytest.approx(float(out[agg["column"]].sum()))
        assert set(frame[agg["by"]].dropna()) == set(out[agg["by"]].dropna())


def test_command_line_runs_the_whole_pipeline(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "etl", "run", "--db", str(tmp_path / "t.db"),
                                "--out-dir", str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    for table in TABLES:
        assert (tmp_path / "out" / f"{table['name']}.csv").exists()
        assert f"{table['name']}:" in completed.stdout


def test_command_line_reports_a_missing_file_in_one_line(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "etl", "load", str(tmp_path / "nope.csv"),
                                "--db", str(tmp_path / "t.db")], cwd=ROOT, capture_output=True, text=True)
    assert completed.returncode == 2
    assert completed.stderr.startswith("error: ")
