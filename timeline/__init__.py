"""The desegregation history timeline: a pure core (this package) and a Streamlit UI (``timeline.ui``)."""
