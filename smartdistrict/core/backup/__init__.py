"""Backup and restore of a whole instance: the database and every stored file, together.

A backup is a folder::

    manifest.json          what is inside: row counts per table, each file's SHA-256
    database.pgdump        PostgreSQL, pg_dump custom format (or database.json.gz: dumpdata)
    database.sqlite3       SQLite, copied with the online backup API
    files/<area>/<name>    every file of every storage (photos; briefs, exports …)

``smartdistrict backup --to DIR`` writes it; ``smartdistrict restore --from DIR`` loads it into
an empty database and empty storages, then compares counts and checksums with the manifest.
"""
