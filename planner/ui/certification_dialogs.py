"""Dialogs of the Certifications view: book or move an exam, record a pass or a fail, say
what happened on an exam day, add a certification of one's own.

Views open them only through the module-level ``ask_*`` functions, which tests replace with
``monkeypatch``; the functions return plain values (or None when cancelled), never a dialog.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from PySide6.QtCore import Qt, QTime
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from planner.domain.certifications import add_months, expiry_date
from planner.domain.curriculum import Certification, Topic
from planner.services.goals import MAX_VALIDITY_MONTHS, CustomCertification
from planner.ui.dialogs import run_dialog
from planner.ui.formatting import long_date
from planner.ui.qdates import from_qdate, to_qdate

_DATE_FORMAT = "ddd d MMM yyyy"


@dataclass(frozen=True)
class Booking:
    exam_date: date
    exam_time: time | None


@dataclass(frozen=True)
class PassRecord:
    passed_on: date
    credential: str
    expires_on: date | None
    """Only when the learner gave a date other than the computed one."""


@dataclass(frozen=True)
class FailRecord:
    failed_on: date
    retake_on: date | None


class ExamOutcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    MOVED = "moved"
    DROPPED = "dropped"


def _date_edit(name: str, value: date) -> QDateEdit:
    field = QDateEdit(to_qdate(value))
    field.setCalendarPopup(True)
    field.setDisplayFormat(_DATE_FORMAT)
    field.setAccessibleName(name)
    return field


class _FormDialog(QDialog):
    """A titled form with an intro line and OK (renamed) and Cancel buttons."""

    def __init__(self, title: str, intro: str, ok_text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.intro = QLabel(intro)
        self.intro.setWordWrap(True)
        self.form = QFormLayout()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert isinstance(ok, QPushButton)
        ok.setText(ok_text)
        self.ok_button = ok
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.main_layout = QVBoxLayout(self)
        self.main_layout.addWidget(self.intro)
        self.main_layout.addLayout(self.form)

    def finish(self, note: str = "") -> None:
        if note:
            label = QLabel(note)
            label.setWordWrap(True)
            self.main_layout.addWidget(label)
        self.main_layout.addWidget(self.buttons)


class BookExamDialog(_FormDialog):
    """The exam's date and, if known, its time; for a course, the target completion date."""

    def __init__(
        self,
        certification: Certification,
        current: date | None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        course = certification.is_course
        what = "target completion date" if course else "exam date"
        super().__init__(
            "Set Target Date" if course else "Book Exam",
            f"The {what} for <b>{html.escape(certification.title)}</b>:",
            "Set Date" if course else "Book",
            parent,
        )
        self.date_edit = _date_edit("Target date" if course else "Exam date", current or today)
        self.date_edit.setMinimumDate(to_qdate(today))
        self.time_check = QCheckBox("I know the &time")
        self.time_check.setAccessibleName("Exam time known")
        self.time_edit = QTimeEdit(QTime(9, 0))
        self.time_edit.setDisplayFormat("HH:mm")
        self.time_edit.setAccessibleName("Exam time")
        self.time_edit.setEnabled(False)
        self.time_check.toggled.connect(self.time_edit.setEnabled)
        self.form.addRow("&Target date:" if course else "&Exam date:", self.date_edit)
        if not course:
            self.form.addRow(self.time_check, self.time_edit)
        self.finish("The plan is re-planned so the preparation is done a few days before it.")

    def value(self) -> Booking:
        exam_time = None
        if self.time_check.isChecked():
            chosen = self.time_edit.time()
            exam_time = time(chosen.hour(), chosen.minute())
        return Booking(from_qdate(self.date_edit.date()), exam_time)


class PassDialog(_FormDialog):
    """The day of the pass, the credential, and the expiry (computed, editable)."""

    def __init__(
        self,
        certification: Certification,
        default_day: date,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Record Pass",
            f"Congratulations! When did you pass <b>{html.escape(certification.title)}</b>?",
            "Record Pass",
            parent,
        )
        self._certification = certification
        self.date_edit = _date_edit("Pass date", min(default_day, today))
        self.date_edit.setMaximumDate(to_qdate(today))
        self.credential_edit = QLineEdit()
        self.credential_edit.setPlaceholderText("Optional: credential id or link")
        self.credential_edit.setAccessibleName("Credential")
        self.credential_edit.setMinimumWidth(280)
        self.expiry_label = QLabel()
        self.expiry_label.setAccessibleName("Expiry")
        self.expiry_check = QCheckBox("My certificate gives another &expiry date")
        self.expiry_check.setAccessibleName("Another expiry date")
        self.expiry_edit = _date_edit("Expiry date", min(default_day, today))
        self.expiry_edit.setEnabled(False)
        self.expiry_check.toggled.connect(self.expiry_edit.setEnabled)
        self.date_edit.dateChanged.connect(lambda _day: self._show_expiry())
        self.form.addRow("&Passed on:", self.date_edit)
        self.form.addRow("&Credential:", self.credential_edit)
        self.form.addRow("Expires:", self.expiry_label)
        self.form.addRow(self.expiry_check, self.expiry_edit)
        self._show_expiry()
        self.finish("What is left of its preparation leaves the plan.")

    def _show_expiry(self) -> None:
        expires = expiry_date(from_qdate(self.date_edit.date()), self._certification)
        self.expiry_label.setText(long_date(expires) if expires else "Never")
        if expires is not None and not self.expiry_check.isChecked():
            self.expiry_edit.setDate(to_qdate(expires))

    def value(self) -> PassRecord:
        return PassRecord(
            passed_on=from_qdate(self.date_edit.date()),
            credential=self.credential_edit.text().strip(),
            expires_on=from_qdate(self.expiry_edit.date())
            if self.expiry_check.isChecked()
            else None,
        )


class FailDialog(_FormDialog):
    """The day of the failed exam and, if booked, the retake."""

    def __init__(
        self,
        certification: Certification,
        default_day: date,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "Record Fail",
            f"A fail is a step, not the end. When did you sit "
            f"<b>{html.escape(certification.title)}</b>?",
            "Record Fail",
            parent,
        )
        self.date_edit = _date_edit("Exam date", min(default_day, today))
        self.date_edit.setMaximumDate(to_qdate(today))
        self.retake_check = QCheckBox("A &retake is booked")
        self.retake_check.setAccessibleName("Retake booked")
        self.retake_edit = _date_edit("Retake date", add_months(today, 1))
        self.retake_edit.setMinimumDate(to_qdate(today))
        self.retake_edit.setEnabled(False)
        self.retake_check.toggled.connect(self.retake_edit.setEnabled)
        self.form.addRow("&Exam was on:", self.date_edit)
        self.form.addRow(self.retake_check, self.retake_edit)
        self.finish("With a retake date the plan prepares for the retake.")

    def value(self) -> FailRecord:
        retake = from_qdate(self.retake_edit.date()) if self.retake_check.isChecked() else None
        return FailRecord(from_qdate(self.date_edit.date()), retake)


class ExamResultDialog(_FormDialog):
    """The exam-day question: an exam date passed and no result was recorded."""

    def __init__(
        self, certification: Certification, exam_date: date, parent: QWidget | None = None
    ) -> None:
        what = "target date" if certification.is_course else "exam"
        super().__init__(
            "What Happened?",
            f"Your {what} for <b>{html.escape(certification.title)}</b> was on "
            f"{long_date(exam_date)}. What happened?",
            "Continue",
            parent,
        )
        self.group = QButtonGroup(self)
        options = (
            (ExamOutcome.PASSED, "I &passed" if not certification.is_course else "I &finished"),
            (ExamOutcome.FAILED, "I did not pass (&fail)"),
            (ExamOutcome.MOVED, "It &moved to a new date"),
            (ExamOutcome.DROPPED, "I &dropped this goal"),
        )
        self.radios: dict[ExamOutcome, QRadioButton] = {}
        for outcome, text in options:
            radio = QRadioButton(text)
            radio.setAccessibleName(text.replace("&", ""))
            self.group.addButton(radio)
            self.radios[outcome] = radio
            self.main_layout.addWidget(radio)
        self.radios[ExamOutcome.PASSED].setChecked(True)
        self.finish(
            "Until you answer, its unfinished preparation stays in the plan, after every "
            "exam still ahead."
        )

    def value(self) -> ExamOutcome:
        return next(outcome for outcome, radio in self.radios.items() if radio.isChecked())


class CustomCertificationDialog(_FormDialog):
    """Title, provider, validity and the topics that prepare for a certification of one's
    own."""

    def __init__(self, topics: Sequence[Topic], parent: QWidget | None = None) -> None:
        super().__init__(
            "Add Your Own Certification",
            "A certification the curriculum does not list. It becomes a goal; book its exam "
            "afterwards.",
            "Add",
            parent,
        )
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName("Title")
        self.title_edit.setPlaceholderText("e.g. Certified Kubernetes Application Developer")
        self.provider_edit = QLineEdit()
        self.provider_edit.setAccessibleName("Provider")
        self.expires_check = QCheckBox("It &expires after")
        self.expires_check.setAccessibleName("Expires")
        self.months_spin = QSpinBox()
        self.months_spin.setRange(1, MAX_VALIDITY_MONTHS)
        self.months_spin.setValue(36)
        self.months_spin.setSuffix(" months")
        self.months_spin.setAccessibleName("Validity in months")
        self.months_spin.setEnabled(False)
        self.expires_check.toggled.connect(self.months_spin.setEnabled)
        self.topic_model = QStandardItemModel(self)
        for topic in topics:
            item = QStandardItem(topic.title)
            item.setData(topic.id, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setEditable(False)
            self.topic_model.appendRow(item)
        self.topic_list = QListView()
        self.topic_list.setModel(self.topic_model)
        self.topic_list.setAccessibleName("Topics that prepare for it")
        self.topic_list.setMinimumHeight(200)
        self.form.addRow("&Title:", self.title_edit)
        self.form.addRow("&Provider:", self.provider_edit)
        self.form.addRow(self.expires_check, self.months_spin)
        self.form.addRow("T&opics:", self.topic_list)
        self.ok_button.setEnabled(False)
        self.title_edit.textChanged.connect(lambda _text: self._update_ok())
        self.provider_edit.textChanged.connect(lambda _text: self._update_ok())
        self.topic_model.itemChanged.connect(lambda _item: self._update_ok())
        self.finish("Tick the topics that prepare for it: the plan schedules them before its exam.")

    def _topic_ids(self) -> tuple[str, ...]:
        items = (self.topic_model.item(row) for row in range(self.topic_model.rowCount()))
        return tuple(
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(
            bool(self.title_edit.text().strip())
            and bool(self.provider_edit.text().strip())
            and bool(self._topic_ids())
        )

    def value(self) -> CustomCertification | None:
        if not self.ok_button.isEnabled():
            return None
        return CustomCertification(
            title=self.title_edit.text().strip(),
            provider=self.provider_edit.text().strip(),
            validity_months=self.months_spin.value() if self.expires_check.isChecked() else None,
            topic_ids=self._topic_ids(),
        )


# What views call -------------------------------------------------------------------------


def ask_booking(
    parent: QWidget | None, certification: Certification, current: date | None, today: date
) -> Booking | None:
    dialog = BookExamDialog(certification, current, today, parent)
    return run_dialog(dialog, dialog.value)


def ask_pass(
    parent: QWidget | None, certification: Certification, default_day: date, today: date
) -> PassRecord | None:
    dialog = PassDialog(certification, default_day, today, parent)
    return run_dialog(dialog, dialog.value)


def ask_fail(
    parent: QWidget | None, certification: Certification, default_day: date, today: date
) -> FailRecord | None:
    dialog = FailDialog(certification, default_day, today, parent)
    return run_dialog(dialog, dialog.value)


def ask_exam_outcome(
    parent: QWidget | None, certification: Certification, exam_date: date
) -> ExamOutcome | None:
    dialog = ExamResultDialog(certification, exam_date, parent)
    return run_dialog(dialog, dialog.value)


def ask_custom_certification(
    parent: QWidget | None, topics: Sequence[Topic]
) -> CustomCertification | None:
    dialog = CustomCertificationDialog(topics, parent)
    return run_dialog(dialog, dialog.value)


def confirm_drop(parent: QWidget | None, certification: Certification) -> bool:
    answer = QMessageBox.question(
        parent,
        "Drop Goal",
        f"Stop working towards {certification.title}? Its open preparation leaves the plan; "
        "what you have done stays in your history.",
    )
    return answer == QMessageBox.StandardButton.Yes
