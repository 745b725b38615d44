"""The dashboard's pages: thin views over the dashboard selectors."""
