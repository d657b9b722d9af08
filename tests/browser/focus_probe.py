"""In-page measurements of the focus indicator, shared by the keyboard and focus-contrast tests.

`FOCUS_RINGS` runs in the browser on the focused element: it returns the colours of the indicator's rings
(the outline and each box-shadow) with the colour behind each ring: for a ring drawn outside the element,
the first non-transparent background among its ancestors; for an inset ring, the element's own.
"""

FOCUS_RINGS = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const parse = (text) => {
    const m = text.match(/rgba?\\(([\\d.]+),\\s*([\\d.]+),\\s*([\\d.]+)(?:,\\s*([\\d.]+))?\\)/);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  const backgroundOf = (start) => {
    for (let node = start; node && node.nodeType === 1; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour && colour[3] > 0.5) return colour;
    }
    return [255, 255, 255, 1];
  };
  const style = getComputedStyle(element);
  const outside = backgroundOf(element.parentElement);
  const inside = backgroundOf(element);
  const rings = [];
  if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) {
    rings.push({ kind: "outline", colour: parse(style.outlineColor),
                 behind: parseFloat(style.outlineOffset) < 0 ? inside : outside });
  }
  if (style.boxShadow && style.boxShadow !== "none") {
    for (const shadow of style.boxShadow.split(/,(?![^(]*\\))/)) {
      const colour = parse(shadow);
      if (colour && colour[3] > 0.5) {
        rings.push({ kind: "box-shadow", colour, behind: /inset/.test(shadow) ? inside : outside });
      }
    }
  }
  const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") +
    (element.className && typeof element.className === "string" ? "." + element.className.split(" ")[0] : "") +
    " " + (element.textContent || element.getAttribute("aria-label") || "").trim().slice(0, 20);
  const position = Array.prototype.indexOf.call(document.querySelectorAll("*"), element);
  return { name, position, rings };
}"""


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def best_ring_contrast(measure):
    """The highest contrast among the indicator's rings against what lies behind each (0 with no ring)."""
    return max((contrast(ring["colour"], ring["behind"]) for ring in measure["rings"]), default=0.0)
