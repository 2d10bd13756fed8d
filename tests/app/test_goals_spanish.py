"""Trends, goals and the intervention log in Spanish, and crossed groups on the trend and goal screens.

Sample figures (Met or Exceeded in ELA, English learners): 23.4%, 29.4%, 33.0%; all students 45.0%, 47.7%,
48.9% (see tests/app/test_goals_pages.py). The crossed district is tests/crossterm.py's SHOWN, where every
combination is shown.
"""

from streamlit.testing.v1 import AppTest

from equity.plans import goals, interventions
from equity.stats.trends import group_key
from tests import crossterm
from tests.app.conftest import choose, upload
from tests.app.test_goals_pages import GOALS, LOG, TRENDS, ok, texts

EL_LOW = group_key((True, True))


def spanish(at: AppTest) -> AppTest:
    at.session_state["lang"] = "es"
    return at


def crossed_district(at: AppTest) -> AppTest:
    bench = upload(at, crossterm.one_file(crossterm.SHOWN), "crossed.csv").session_state["bench"]
    bench.confirm(bench.staged.proposal)
    return at


def test_trends_in_spanish(app):
    ok(spanish(app).switch_page(TRENDS).run())
    choose(app, "trends_outcome", "ELA Proficiency")
    ok(app.selectbox(key="trends_dimension").select("english_learner").run())
    assert app.title[0].value == "Tendencias"
    table = app.dataframe[0].value
    # The gaps table's headers, the comparison named in the gap's (the trends table is the one its download writes).
    assert list(table.columns) == ["Periodo", "Grupo", "Estudiantes con resultado", "Porcentaje (%)",
                                   "Brecha frente a todos los estudiantes (puntos)", "Nota"]
    el = table[table["Grupo"] == "Aprendices de inglés"]
    # Printed as the exports print them, the Spanish way.
    assert list(el["Porcentaje (%)"]) == ["23,4\u00a0%", "29,4\u00a0%", "33,0\u00a0%"]
    assert list(el["Brecha frente a todos los estudiantes (puntos)"]) == ["-21,7", "-18,3", "-15,9"]
    assert "la brecha que más cambió fue la de Aprendices de inglés, que se redujo" in texts(app)
    assert "Brecha en ELA Proficiency" in texts(app)
    assert "No hay cifras ocultas" in texts(app)
    assert [o for o in app.selectbox(key="trends_compare_english_learner").options] == [
        "Todos los estudiantes", "Todos los demás estudiantes", "Aprendices de inglés", "No aprendices de inglés",
        "No reportado"]


def test_trends_for_crossed_groups(app):
    ok(crossed_district(app).switch_page(TRENDS).run())
    app.selectbox(key="trends_dimension").select("english_learner").run()
    ok(app.selectbox(key="trends_second_english_learner").select("low_income").run())
    table = app.dataframe[0].value
    el_low = table[table["Group"] == "English learners · Low income"]
    # 3 of 12, 6 of 15, 5 of 10; all students 30 of 60, 37 of 66, 38 of 60 (gaps 25 - 50, 40 - 56.06, 50 - 63.33).
    assert list(el_low["Term"]) == list(crossterm.TERMS)
    assert list(el_low["Students with a result"]) == ["12", "15", "10"]      # printed as the exports print them
    assert list(el_low["Share (%)"]) == ["25.0%", "40.0%", "50.0%"]
    assert list(el_low["Gap vs all students (points)"]) == ["-25.0", "-16.1", "-13.3"]
    assert "No figures are hidden" in texts(app) and "two-way tables" in texts(app)
    compare = app.selectbox(key="trends_compare_english_learner_low_income")
    assert list(compare.options) == ["All students", "All other students"]   # no reference group when crossed
    ok(compare.select("others").run())
    el_low = app.dataframe[0].value.query("Group == 'English learners · Low income'")
    # All other students: 27 of 48 = 56.25%, 31 of 51 = 60.78%, 33 of 50 = 66%.
    assert list(el_low["Gap vs all other students (points)"]) == ["-31.2", "-20.8", "-16.0"]
    assert "English learners · Low income narrowed the most: from -31.2 to -16.0" in texts(app)


def test_goals_screen_in_spanish(app):
    goals.save(goals.Goal("Lectura EL", "ela_proficiency", "ELA Proficiency",
                          goals.Rule("categories", categories=("Met", "Exceeded")), "2022-23", 23.4, "2027-28",
                          50.0, dimension="english_learner", group="true", group_label="English learners"))
    ok(spanish(app).switch_page(GOALS).run())
    assert app.title[0].value == "Metas"
    row = app.dataframe[0].value.iloc[0]
    # 23.4 -> 50 in five steps of 5.32: 2024-25's interim 34.0; 33.0 is below it: off track, 36% of the way.
    assert (row["Meta"], row["De quién"], row["Actual"], row["Meta intermedia"], row["Estado"], row["Avance"]) == (
        "Lectura EL", "Aprendices de inglés", "33,0\u00a0%", "34,0\u00a0%", "Fuera de camino", "36\u00a0%")
    assert row["Meta final"] == "50,0\u00a0% para 2027-28"
    # Pace (33.0 - 23.4) / 2 = 4.8 a term; 17 to go: 4 terms, 2028-29, after the target term.
    assert "Al ritmo actual (+4,8 por periodo) la meta se alcanza en 2028-29, después del periodo de la meta" \
        in texts(app)
    assert "% de Aprendices de inglés: de 23,4\u00a0% en 2022-23 a 50,0\u00a0% para 2027-28" in texts(app)
    assert [m.label for m in app.metric][:2] == ["Actual (2024-25)", "Meta intermedia de este periodo"]
    assert "Registrar una intervención" in [b.label for b in app.button]
    assert "Nueva meta" in [e.label for e in app.expander]


def test_a_goal_for_a_crossed_group_set_in_the_form(app):
    ok(crossed_district(app).switch_page(GOALS).run())
    app.text_input(key="goal_new_title").input("EL low income").run()
    app.selectbox(key="goal_new_dimension").select("english_learner").run()
    ok(app.selectbox(key="goal_new_second_english_learner").select("low_income").run())
    group = app.selectbox(key="goal_new_group_english_learner_low_income")
    assert group.options[0] == "English learners · Low income"
    group.select(EL_LOW).run()
    app.number_input(key="goal_new_target").set_value(60.0).run()
    app.text_input(key="goal_new_target_term").input("2026-27").run()
    ok(app.button(key="goal_new_save").click().run())
    (goal,), problems = goals.load()
    assert (goal.dimension, goal.group, goal.second, goal.second_group) == ("english_learner", "true", "low_income",
                                                                            "true")
    assert goal.baseline_from_data and goal.baseline == 25.0 and goal.group_label == "English learners · Low income"
    # 25 -> 60 in four steps: 2024-25's interim 42.5; the current 50 is past it: on track, 71% of the way.
    row = app.dataframe[0].value.iloc[0]
    assert (row["Whose"], row["Current"], row["Interim target"], row["Status"], row["Progress"]) == (
        "English learners · Low income", "50.0%", "42.5%", "On track", "71%")
    next(b for b in app.button if b.key == f"edit_{goal.id}").click().run()
    key = f"goal_edit_{goal.id}_{goal.revision}"
    assert app.selectbox(key=f"{key}_second_english_learner").value == "low_income"   # the form opens as saved
    assert app.selectbox(key=f"{key}_group_english_learner_low_income").value == EL_LOW
    ok(spanish(app).run())
    row = app.dataframe[0].value.iloc[0]
    assert (row["De quién"], row["Estado"]) == ("Aprendices de inglés · Bajos ingresos", "En camino")


def test_log_in_spanish(app):
    ok(spanish(app).switch_page(LOG).run())
    assert app.title[0].value == "Registro de intervenciones"      # the page's navigation name
    app.text_input(key="log_new_title").input("Tutoría en grupos pequeños")
    app.selectbox(key="log_new_stage").select("implement")
    app.selectbox(key="log_new_group").select("English learners")
    ok(next(b for b in app.button if b.label == "Guardar entrada").click().run())
    assert "Se registró «Tutoría en grupos pequeños»." in texts(app)
    (entry,), _ = interventions.load()
    assert (entry.stage, entry.group) == ("implement", "English learners")      # stored as before
    table = app.dataframe[0].value
    assert list(table.columns)[:4] == ["Fecha", "Etapa", "Título", "Grupo"]
    assert (table.iloc[0]["Etapa"], table.iloc[0]["Grupo"]) == ("implementación", "Aprendices de inglés")
    assert "1 de 1 entradas." in texts(app)
    assert app.get("download_button")[0].proto.label == "Descargar estas entradas (CSV)"
    group_filter = app.selectbox(key="log_group_filter")
    assert list(group_filter.options) == ["Cualquier grupo", "Aprendices de inglés"]


def test_an_unsound_goal_is_refused_in_spanish(app):
    ok(spanish(app).switch_page(GOALS).run())
    assert "Todavía no hay metas" in texts(app)
    app.selectbox(key="goal_new_dimension").select("english_learner").run()
    app.text_input(key="goal_new_target_term").input("2020-21").run()
    ok(app.button(key="goal_new_save").click().run())
    errors = " ".join(e.value for e in app.error)
    assert "Póngale un nombre a la meta." in errors
    assert "El periodo de la meta (2020-21) debe ser posterior al periodo de referencia (2022-23)." in errors
    assert goals.load() == ((), ())
