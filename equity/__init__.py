"""Equity dashboard domain logic: ingest, mapping, metrics, privacy, charts. Importable without Streamlit."""
