"""The iCalendar (RFC 5545) text of one event, for the "加入日历" download."""

import datetime

from django.utils import timezone

PRODUCT_ID = "-//tuoyu-platform//guidance events//ZH"
LINE_LIMIT = 75  # octets per content line (RFC 5545 §3.1)


def _stamp(value):
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def _text(value):
    """A TEXT value with backslashes, semicolons, commas and newlines escaped (RFC 5545 §3.3.11)."""
    escaped = str(value).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    return escaped.replace("\r", "")


def _fold(line):
    """Folds a content line at 75 octets without splitting a UTF-8 character."""
    out, current = [], b""
    for char in line:
        encoded = char.encode()
        if len(current) + len(encoded) > LINE_LIMIT:
            out.append(current.decode())
            current = b" "
        current += encoded
    out.append(current.decode())
    return "\r\n".join(out)


def event_calendar_text(event, url):
    """A calendar with this one event; `url` is the event page's absolute address."""
    description = f"{event.summary}\n主办单位：{event.organiser}\n报名方式：{event.registration}"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@tuoyu-platform",
        f"DTSTAMP:{_stamp(event.last_published_at or timezone.now())}",
        f"DTSTART:{_stamp(event.start)}",
        f"DTEND:{_stamp(event.end)}",
        f"SUMMARY:{_text(event.title)}",
        f"LOCATION:{_text(event.place)}",
        f"DESCRIPTION:{_text(description)}",
        f"URL:{url}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
