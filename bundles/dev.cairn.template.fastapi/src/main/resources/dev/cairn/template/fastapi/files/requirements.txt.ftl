# Runtime and test dependencies. Resolved versions are recorded in the run's ledger and in dist/<run>.zip.
fastapi>=0.118
pydantic>=2.7
uvicorn>=0.30
httpx>=0.27
pytest>=8.0
