"""The scorecard in a real browser: join the sample discipline file on 'Your data', then see the cards a
principal asked for on one screen."""

from tests.browser.conftest import ROOT, SHOTS


def test_join_incidents_then_the_scorecard(open_home):
    page = open_home(width=1500, height=1100)
    page.get_by_role("link", name="Your data").first.click()      # same session: a new URL would not be
    page.get_by_text("Add a roster or event file").first.click()
    page.locator("input[type=file]").nth(1).set_input_files(str(ROOT / "sample_data" /
                                                                "discipline_incidents.csv"))
    page.get_by_text("Rows with any event").wait_for(timeout=60_000)
    assert "3,638 of 15,104" in page.inner_text("body")
    page.get_by_role("button", name="Use the joined file").click()
    page.get_by_text("Check the columns of district.csv + discipline_incidents.csv").wait_for(timeout=60_000)
    page.get_by_role("button", name="Confirm mapping").click()
    page.get_by_text("Loaded: district.csv + discipline_incidents.csv").wait_for(timeout=60_000)
    page.get_by_role("link", name="Scorecard").first.click()
    page.get_by_text("Highest risk ratio").first.wait_for(timeout=60_000)   # a card note, and its table cell
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "scorecard.png"))
    body = page.inner_text("body")
    for text in ("Suspensions", "By Race/ethnicity", "AP participation", "Composition index", "Chronic absence",
                 "By English learner", "Belonging", "By Special education", "Traceback"):
        assert (text in body) == (text != "Traceback"), text
