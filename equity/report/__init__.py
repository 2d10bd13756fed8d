"""Reports and the files that leave the computer: sections, HTML, PDF, slides, spreadsheets."""
