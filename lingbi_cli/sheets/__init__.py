"""Spreadsheets in and out: reading office sheets, blank templates, exports.

``read`` turns a file into a grid of cells; ``rows`` finds the header row and reads each row's
cells through the kind's columns (``columns``, ``kinds``, ``values``); ``table`` is the plain
table that ``write`` saves as ``.xlsx`` or ``.csv``; ``template`` writes a blank sheet for a kind;
``export`` builds a kind's table from the loaded records. Importing (matching, checking,
writing) is ``actions.sheet_import``.
"""
