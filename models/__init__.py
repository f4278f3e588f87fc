"""Alliance politics as games, built on :mod:`gametheory`.

Models
------
alliance_formation -- join an alliance or stand alone against a rival (contest success function);
                      Skaperdas (1998) three-player alliances; coalitions, Riker's size principle
burden_sharing     -- Olson and Zeckhauser's exploitation test on NATO and SIPRI data
defence_data       -- the NATO and SIPRI military expenditure data shipped with the package

Each model has ``solve()`` returning certified results and ``sweep()`` returning a tidy
:class:`pandas.DataFrame` over a parameter grid.  ``models`` imports ``gametheory``, never the reverse.
"""
