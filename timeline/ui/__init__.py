"""The Streamlit layer: the only place that imports Streamlit."""
