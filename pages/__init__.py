"""The app's screens live in `pages/views/`: a `.py` file directly in `pages/` would make Streamlit fall back
to its old folder-based navigation for the first visitor, bypassing `app.py` and its sidebar."""
