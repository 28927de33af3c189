"""A label of rich text that may hold links, readable by keyboard and screen reader."""

from __future__ import annotations

import html
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

_LINK = re.compile(r"<a\s[^>]*>(.*?)</a>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def link_texts(rich_text: str) -> list[str]:
    """The visible text of each link in ``rich_text``, in order."""
    return [html.unescape(_TAG.sub("", found)).strip() for found in _LINK.findall(rich_text)]


class LinkLabel(QLabel):
    """Wrapped rich text, named for what it shows (``name``, e.g. "Resources").

    It is a Tab stop only while its text holds a link: then Tab moves from link to link
    and Enter opens one, and its accessible description lists the links, which Qt's
    accessibility layer does not expose inside a label. Without links it is plain text,
    not a stop announced as its whole content.
    """

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self._follow_links()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._follow_links()

    def links(self) -> list[str]:
        return link_texts(self.text())

    def _follow_links(self) -> None:
        links = self.links()
        if links:
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            noun = "link" if len(links) == 1 else "links"
            self.setAccessibleDescription(f"{len(links)} {noun}: {'; '.join(links)}")
        else:
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self.setAccessibleDescription("")
