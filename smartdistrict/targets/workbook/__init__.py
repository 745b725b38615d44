"""The indicators workbook (.xlsx): layout, reading, the import plan, and writing."""
