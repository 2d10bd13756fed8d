"""A link to a page, followed by the first visitor after the server starts, opens that page: Streamlit would
otherwise take the `pages/` folder for an old-style multipage app on that first run and say the page does not
exist (serve.py tells it otherwise). Its own module, so its server has had no visitor yet."""


def test_first_visitor_following_a_link_to_a_page_gets_that_page(browser, server):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server}/goals")
    page.get_by_role("heading", name="Goals").first.wait_for(timeout=60_000)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="hidden", timeout=60_000)
    page.wait_for_timeout(1000)
    body = page.inner_text("body")
    assert "Page not found" not in body and "does not seem to exist" not in body
    page.close()
