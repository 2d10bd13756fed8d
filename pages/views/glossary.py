"""Glossary: every technical term the screens use, explained in a paragraph under its own anchor."""

import streamlit as st

from equity.words.glossary import terms
from equity.words.i18n import t
from pages.views import shared

st.title(t("nav.glossary"))
st.caption(t("page.glossary.intro"))
for each in terms():
    st.subheader(shared.plain(each.name), anchor=each.anchor)   # catalogue text, shown as written
    st.markdown(shared.plain(each.paragraph))
