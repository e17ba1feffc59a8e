"""What a learner's JupyterLab looks like around the notebooks, as `make course` and Binder serve
it: the welcome notebook full width on a phone, notebooks without the Python package beside
them, no nbgrader authoring tools, and a word when cells wait for Python to start."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import ROOT, TOKEN
from .test_modules import Notebook

pytestmark = pytest.mark.slow


@pytest.fixture
def phone(lab, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(60_000)
    yield page
    context.close()
    lab.shutdown_kernels()


def test_the_welcome_notebook_opens_full_width_on_a_phone_with_notebooks_only(lab, phone, screenshots):
    lab.reset_layout()  # a fresh session: other tests' pages saved their own layouts
    # the address `make course` and Binder open (no ?reset: the course's layout applies)
    phone.goto(f"{lab.url}/lab/tree/course/00_welcome.ipynb?token={TOKEN}")
    phone.wait_for_selector(".jp-NotebookPanel .jp-Notebook", state="attached")
    phone.wait_for_timeout(1000)
    left = phone.evaluate("() => document.querySelector('#jp-left-stack').getBoundingClientRect().width")
    width = phone.evaluate("() => document.querySelector('.jp-NotebookPanel').getBoundingClientRect().width")
    phone.screenshot(path=str(screenshots / "00_welcome-opened-on-a-phone.png"))
    assert left == 0, f"the file browser is open ({left:.0f} px), leaving the notebook {width:.0f} px"
    assert width >= 300, f"the notebook is {width:.0f} px wide on a 390 px screen"
    # nbgrader's authoring tools are not there for learners
    assert phone.locator("li.lm-MenuBar-item", has_text="Nbgrader").count() == 0
    expect(phone.locator(".jp-SideBar .lm-TabBar-tab[title*='Create Assignment']")).to_have_count(0)
    # one click away, the file browser lists the notebooks, not the course's Python package
    phone.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id='filebrowser']").click()
    listing = phone.locator(".jp-DirListing-content .jp-DirListing-itemName")
    expect(listing.first).to_be_visible()
    names = [n.strip() for n in listing.all_inner_texts()]
    assert names and all(n.endswith(".ipynb") for n in names), names
    assert len(names) == len(list((ROOT / "course").glob("*.ipynb")))


def test_the_package_stays_out_of_the_learners_listing(lab):
    """The contents API (what the file browser shows) lists notebooks only in course/, and
    the exercises folder as before."""
    listing = lab.api("/api/contents/course")["content"]
    names = sorted(item["name"] for item in listing)
    assert names == sorted(p.name for p in (ROOT / "course").glob("*.ipynb")), names
    # hidden from the listing only: the notebooks still import the package
    assert lab.api("/api/contents/course/ui?content=0")["type"] == "directory"


def test_cells_waiting_for_python_say_so(lab, browser):
    """Once the course has run in a page, a cell waiting on a kernel that is (re)starting shows
    "Waiting for Python to start" above the notebook, and the words go when Python is ready.
    The kernel's state is set on JupyterLab's own status element, as JupyterLab sets it while a
    kernel restarts; JupyterLab's own notification covers a cell run before the first start."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30_000)
    try:
        nb = Notebook(page, ROOT / "course" / "01_what_is_intimacy.ipynb")
        nb.open_and_run(lab.url)
        note = page.locator(".jp-NotebookPanel .closer-kernel-wait")
        expect(note).to_have_count(0)
        status = (
            "s => document.querySelector('.jp-Notebook-ExecutionIndicator').setAttribute('data-status', s)"
        )
        page.evaluate(status, "starting")
        page.evaluate(
            "() => { document.querySelector('.jp-CodeCell .jp-InputPrompt').textContent = '[*]:'; }"
        )
        expect(note).to_be_visible()
        expect(note).to_have_text(re.compile("Waiting for Python to start"))
        assert note.get_attribute("role") == "status"
        page.evaluate(status, "idle")
        expect(note).to_be_hidden()
        # JupyterLab says so itself when a cell is run before the first start: the course's setting
        tracker = lab.api("/lab/api/settings/@jupyterlab/notebook-extension:tracker")
        assert tracker["schema"]["properties"]["enableKernelInitNotification"]["default"] is True
    finally:
        context.close()
        lab.shutdown_kernels()
