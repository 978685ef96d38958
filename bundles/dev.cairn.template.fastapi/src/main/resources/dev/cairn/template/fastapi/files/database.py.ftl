"""SQLite persistence: one table per entity, created on first use."""
import os
import sqlite3
from contextlib import contextmanager

SCHEMA = [
<#list entities as e>
    """CREATE TABLE IF NOT EXISTS ${e.table} (
        id INTEGER PRIMARY KEY AUTOINCREMENT<#list e.fields as f>,
        ${f.name} ${f.sqlType}<#if f.required> NOT NULL</#if></#list>
    )""",
</#list>
]


def database_path() -> str:
    return os.environ.get("APP_DATABASE", "app.db")


@contextmanager
def connect(path: str | None = None):
    connection = sqlite3.connect(path or database_path())
    connection.row_factory = sqlite3.Row
    try:
        yield connection
        connection.commit()
    finally:
        connection.close()


def create_schema(path: str | None = None) -> None:
    with connect(path) as connection:
        for statement in SCHEMA:
            connection.execute(statement)
