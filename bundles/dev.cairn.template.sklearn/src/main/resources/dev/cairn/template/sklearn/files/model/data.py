"""The dataset model/spec.json names: one that ships with scikit-learn, or a CSV under data/."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from sklearn import datasets

SPEC = json.loads(Path(__file__).with_name("spec.json").read_text(encoding="utf-8"))
ROOT = Path(__file__).resolve().parents[1]
BUILTIN = {"iris": datasets.load_iris, "wine": datasets.load_wine,
           "breast_cancer": datasets.load_breast_cancer, "diabetes": datasets.load_diabetes}


def load(spec: dict = SPEC) -> tuple[pd.DataFrame, pd.Series]:
    """Features and target. A built-in dataset gets one categorical column (its first feature in three bands) so
    the categorical branch of the pipeline is exercised on every dataset."""
    source = spec["dataset"]
    if source["kind"] == "builtin":
        bunch = BUILTIN[source["name"]](as_frame=True)
        frame = bunch.frame.rename(columns=lambda c: str(c).strip().replace(" ", "_").replace("(", "").replace(")", ""))
        target = frame.pop("target")
        if spec["task"] == "classification":
            target = target.map(dict(enumerate(bunch.target_names))).astype("string")
        first = frame.columns[0]
        frame[f"{first}_band"] = pd.qcut(frame[first], 3, labels=["low", "mid", "high"]).astype("string")
        return frame, target.rename(spec["target"])
    frame = pd.read_csv(ROOT / "data" / source["source"])
    frame.columns = [str(c).strip() for c in frame.columns]
    frame = frame.dropna(subset=[spec["target"]])
    target = frame.pop(spec["target"])
    if spec["task"] == "classification":
        target = target.astype("string")
    return frame, target


def columns(features: pd.DataFrame, spec: dict = SPEC) -> tuple[list[str], list[str]]:
    """Numeric and categorical feature columns: the spec's when it names them, else by dtype."""
    if spec.get("numeric") or spec.get("categorical"):
        return list(spec.get("numeric", [])), list(spec.get("categorical", []))
    numeric = [c for c in features.columns if pd.api.types.is_numeric_dtype(features[c])]
    return numeric, [c for c in features.columns if c not in numeric]
