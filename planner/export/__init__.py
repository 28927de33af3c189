"""Files made from the learner's data: the PDF progress report, the plan as a calendar
(ICS) and a spreadsheet (CSV), and a portable copy of everything (JSON).

Pure rendering and parsing of values the services hand in: no database, no Qt.
"""
