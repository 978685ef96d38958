"""Request and response models (pydantic v2)."""
<#if usesDate>
from datetime import date
</#if>

from pydantic import BaseModel, ConfigDict
<#list entities as e>


class ${e.className}In(BaseModel):
    """Fields a client sends to create or replace a ${e.name}."""

    model_config = ConfigDict(extra="forbid", strict=False)
<#list e.fields as f>
    ${f.name}: ${f.pyType}<#if !f.required> | None = None</#if>
</#list>


class ${e.className}(${e.className}In):
    """A stored ${e.name}."""

    id: int
</#list>
