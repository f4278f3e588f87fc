"""Alliance politics as games, built on :mod:`gametheory`.

Models
------
alliance_formation -- join an alliance or stand alone against a rival (contest success function);
                      Skaperdas (1998) three-player alliances; coalitions, Riker's size principle
burden_sharing     -- Olson-Zeckhauser public-good alliance with joint products (Nash, Samuelson optimum,
                      Lindahl shares, exploitation measures) and the exploitation test on NATO and SIPRI data
ratification       -- two-level games (Putnam 1988): bargaining under ratifiers' win-sets, Schelling's
                      conjecture, involuntary defection under uncertainty
defence_data       -- the NATO and SIPRI military expenditure data shipped with the package

Each model has ``solve()`` returning certified results and ``sweep()`` returning a tidy
:class:`pandas.DataFrame` over a parameter grid.  ``models`` imports ``gametheory``, never the reverse.
"""
