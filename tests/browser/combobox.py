"""Driving an ARIA type-ahead combobox (site search, directory keyword box) with the keyboard, as a user does."""


def type_until_suggested(page, url, box_selector, typed, option_name):
    """Open `url`, type into the combobox and wait for the option named `option_name`; the box must say it is
    an expanded combobox. Returns the box and the option."""
    page.goto(url)
    box = page.locator(box_selector)
    assert box.get_attribute("role") == "combobox"
    box.fill(typed)
    option = page.get_by_role("option", name=option_name).first
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    return box, option


def choose_first_option(box, option):
    """Arrow down to the first option (announced as the active, selected one) and take it with Enter."""
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert option.get_attribute("aria-selected") == "true"
    box.press("Enter")


def close_and_submit(box):
    """Escape closes the list; Enter then submits what was typed."""
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
