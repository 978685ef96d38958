"""Tests for the pipeline model/spec.json describes: metric threshold, persistence, unseen categories, the CLI."""
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from model import data, train
from model.data import SPEC

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def trained():
    return train.train(SPEC)


def test_the_model_meets_its_threshold_and_beats_the_baseline(trained):
    _, report = trained
    score = report["metrics"][SPEC["metric"]]
    assert score >= SPEC["min_score"], report
    if SPEC["metric"] in ("accuracy", "r2"):
        assert score > report["baseline"][SPEC["metric"]], report


def test_persistence_round_trip_gives_the_same_predictions(trained, tmp_path):
    model, _ = trained
    _, x_test, _, _ = train.split(SPEC)
    path = train.save(model, tmp_path / "model.joblib")
    restored = train.load(path)
    assert list(restored.predict(x_test)) == list(model.predict(x_test))


def test_unseen_categories_and_missing_values_do_not_break_prediction(trained):
    model, report = trained
    _, x_test, _, _ = train.split(SPEC)
    rows = x_test.head(5).copy()
    categorical = report["features"]["categorical"]
    if not categorical:
        pytest.skip("the data has no categorical column")
    for column in categorical:
        rows[column] = "a-category-never-seen-in-training"
    numeric = report["features"]["numeric"]
    if numeric:
        rows.loc[rows.index[0], numeric[0]] = None
    predictions = model.predict(rows)
    assert len(predictions) == 5


def test_command_line_trains_saves_and_predicts(tmp_path):
    out, metrics = tmp_path / "m.joblib", tmp_path / "metrics.json"
    trained = subprocess.run([sys.executable, "-m", "model", "train", "--out", str(out), "--metrics", str(metrics)],
                             cwd=ROOT, capture_output=True, text=True)
    assert trained.returncode == 0, trained.stderr
    assert out.exists() and SPEC["metric"] in json.loads(metrics.read_text())["metrics"]
    features, _ = data.load(SPEC)
    features.head(3).to_csv(tmp_path / "rows.csv", index=False)
    predicted = subprocess.run([sys.executable, "-m", "model", "predict", str(tmp_path / "rows.csv"), "--model", str(out)],
                               cwd=ROOT, capture_output=True, text=True)
    assert predicted.returncode == 0, predicted.stderr
    assert len(predicted.stdout.strip().splitlines()) == 3
