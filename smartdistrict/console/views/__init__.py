"""Console views: thin; they parse a form, call one service or selector, render."""
