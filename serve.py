"""Serves the app: `python serve.py [streamlit options]` is `streamlit run app.py`, told that the screens are
declared with st.navigation. Without that, Streamlit takes the `pages/` folder for an old-style multipage app
until someone's first run has called st.navigation, so the first visitor after a restart who follows a link to
a page (a bookmark of Goals, say) is told the page does not exist. `make run` and the browser tests start here."""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False
    cli.main(["run", str(Path(__file__).resolve().parent / "app.py"), *sys.argv[1:]])
