"""Meeting briefs: the dashboard's figures as a PDF and an Excel workbook, in Vietnamese,
built in the background for the person who asked."""
