"""The project's additions to Django's locale formats (FORMAT_MODULE_PATH); what is not
named here comes from Django's own formats for the language."""
