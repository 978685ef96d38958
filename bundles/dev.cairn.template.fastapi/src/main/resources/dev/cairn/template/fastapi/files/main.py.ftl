"""${spec.title}: ${spec.summary}

Run it with:  uvicorn app.main:app --reload
"""
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Response, status

from . import database
from .models import <#list entities as e>${e.className}, ${e.className}In<#sep>, </#list>


@asynccontextmanager
async def lifespan(_: FastAPI):
    database.create_schema()
    yield


app = FastAPI(title="${spec.title}", version="1.0.0", lifespan=lifespan)
<#list entities as e>

${e.upper}_COLUMNS = (<#list e.fields as f>"${f.name}", </#list>)


def _${e.name}_from_row(row) -> ${e.className}:
    return ${e.className}(**dict(row))


@app.post("/${e.plural}", response_model=${e.className}, status_code=status.HTTP_201_CREATED, tags=["${e.plural}"])
def create_${e.name}(payload: ${e.className}In) -> ${e.className}:
    values = payload.model_dump(mode="json")
    with database.connect() as connection:
        cursor = connection.execute(
            "INSERT INTO ${e.table} (<#list e.fields as f>${f.name}<#sep>, </#list>) VALUES (<#list e.fields as f>?<#sep>, </#list>)",
            [values[column] for column in ${e.upper}_COLUMNS],
        )
        row = connection.execute("SELECT * FROM ${e.table} WHERE id = ?", (cursor.lastrowid,)).fetchone()
    return _${e.name}_from_row(row)


@app.get("/${e.plural}", response_model=list[${e.className}], tags=["${e.plural}"])
def list_${e.plural}(limit: int = 100, offset: int = 0) -> list[${e.className}]:
    with database.connect() as connection:
        rows = connection.execute(
            "SELECT * FROM ${e.table} ORDER BY id LIMIT ? OFFSET ?", (limit, offset)
        ).fetchall()
    return [_${e.name}_from_row(row) for row in rows]


@app.get("/${e.plural}/{${e.name}_id}", response_model=${e.className}, tags=["${e.plural}"])
def get_${e.name}(${e.name}_id: int) -> ${e.className}:
    with database.connect() as connection:
        row = connection.execute("SELECT * FROM ${e.table} WHERE id = ?", (${e.name}_id,)).fetchone()
    if row is None:
        raise HTTPException(status_code=404, detail="${e.className} not found")
    return _${e.name}_from_row(row)


@app.put("/${e.plural}/{${e.name}_id}", response_model=${e.className}, tags=["${e.plural}"])
def replace_${e.name}(${e.name}_id: int, payload: ${e.className}In) -> ${e.className}:
    values = payload.model_dump(mode="json")
    with database.connect() as connection:
        cursor = connection.execute(
            "UPDATE ${e.table} SET <#list e.fields as f>${f.name} = ?<#sep>, </#list> WHERE id = ?",
            [values[column] for column in ${e.upper}_COLUMNS] + [${e.name}_id],
        )
        if cursor.rowcount == 0:
            raise HTTPException(status_code=404, detail="${e.className} not found")
        row = connection.execute("SELECT * FROM ${e.table} WHERE id = ?", (${e.name}_id,)).fetchone()
    return _${e.name}_from_row(row)


@app.delete("/${e.plural}/{${e.name}_id}", status_code=status.HTTP_204_NO_CONTENT, tags=["${e.plural}"])
def delete_${e.name}(${e.name}_id: int) -> Response:
    with database.connect() as connection:
        cursor = connection.execute("DELETE FROM ${e.table} WHERE id = ?", (${e.name}_id,))
    if cursor.rowcount == 0:
        raise HTTPException(status_code=404, detail="${e.className} not found")
    return Response(status_code=status.HTTP_204_NO_CONTENT)
</#list>
