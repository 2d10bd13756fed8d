"""Glossary: every technical term the screens use, explained in a paragraph under its own anchor."""

import streamlit as st

from equity.words.glossary import terms
from equity.words.i18n import t

st.title(t("nav.glossary"))
st.caption(t("page.glossary.intro"))
for each in terms():
    st.subheader(each.name, anchor=each.anchor)
    st.markdown(each.paragraph)
