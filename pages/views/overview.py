"""Overview: what is loaded and where to go next."""

import streamlit as st

from pages.views import shared

bench = shared.workbench()
st.title("Equity dashboard")
st.write("See where outcomes differ by race/ethnicity, income, English-learner and special-education status, "
         "how big each gap is, and whether it is larger than chance. Everything runs on this computer: "
         "student records never leave it.")

if shared.require_data(bench):
    data = bench.data
    if data.sample:
        st.info("**This is sample data**: a fictional district of about 5,000 students over three school "
                "years, with made-up names and numbers. Upload your own file on **Your data**.",
                icon=":material/science:")
    cols = st.columns(4)
    cols[0].metric("Rows", f"{data.report.rows:,}")
    cols[1].metric("Outcome columns", len(data.mapping.outcomes()))
    cols[2].metric("Hidden below", f"{bench.min_n} students")
    cols[3].metric("Data", "Sample" if data.sample else "Your upload")
    st.subheader("Start here")
    st.markdown("1. Open **Gaps by group**.\n2. Pick an outcome and what counts as meeting it.\n"
                "3. Pick a group to compare by: race/ethnicity, income, English learner, special education.")
    st.page_link("pages/views/gaps.py", label="Gaps by group", icon=":material/bar_chart:")
    st.page_link("pages/views/intersections.py", label="Intersections (two groups crossed)",
                 icon=":material/grid_view:")
    st.page_link("pages/views/data.py", label="Use your own file", icon=":material/upload_file:")
