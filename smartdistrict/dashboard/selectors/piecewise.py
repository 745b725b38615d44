"""One SELECT over the signed pieces of two periods (periods.signed_pieces).

Each row of a daily or monthly table that a piece covers comes out once per piece, with
the piece's part (CURRENT or PREVIOUS) and its measures multiplied by the piece's sign;
callers sum them. Each piece is its own branch of one UNION ALL, a range of the table's
date-first key with constant bounds, which the database pushes into the subquery: the
planner estimates each one right (a join to a VALUES list of the pieces was planned as
a scan of the whole daily table).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import QuerySet

from smartdistrict.dashboard.selectors.periods import Piece


def signed_select(readers: dict[str, QuerySet], pieces: list[Piece], keys: tuple[str, ...],
                  measures: tuple[str, ...]) -> tuple[str, list] | None:
    """SELECT part, *keys, *signed measures over the rows of ``readers`` (level → a
    queryset of that level's table, already filtered by selection) that the pieces
    cover; None when there is no piece. Columns are named as in the tables. Each
    level's query is compiled once (compiling a queryset per piece cost more than the
    database's work)."""
    compiled: dict[str, tuple[str, tuple]] = {}
    selects, params = [], []
    adapt = connection.ops.adapt_datefield_value
    for piece in pieces:
        column = piece.level  # the tables' date column is named as the level
        if piece.level not in compiled:
            compiled[piece.level] = (readers[piece.level].order_by()
                                     .values_list(column, *keys, *measures)
                                     .query.sql_with_params())
        inner, inner_params = compiled[piece.level]
        # Names come from the models; part and sign are integers of ours.
        signed = ", ".join(f"{int(piece.sign)} * s.{name} AS {name}" for name in measures)
        selects.append(f"SELECT {int(piece.part)} AS part, "  # noqa: S608
                       f"{', '.join(f's.{name}' for name in keys)}, {signed} "
                       f"FROM ({inner}) s WHERE s.{column} BETWEEN %s AND %s")
        params += [*inner_params, adapt(piece.first), adapt(piece.last)]
    if not selects:
        return None
    return " UNION ALL ".join(selects), params
