#!/usr/bin/env python3
"""All-pairs agreement counts of a long vote table, the fastest way a pandas
user would compute them: yes/no/abstain indicator matrices (float32) and
matrix products for the counts of every pair of parties, written as JSON.

It is the yardstick for `parley agreements --format json` on the same table
(scripts/compare-pandas.sh runs both). It computes less than parley does:
no kappa and no per-demand sides, only each pair's agree, conflict, neutral
and shared counts, Pawlak's distance and the relation.

    python3 scripts/agreements_pandas.py VOTES.csv[.gz] PARTY_COL DEMAND_COL VOTE_COL > pairs.json

Needs Debian's python3-pandas (apt-get install python3-pandas).
"""
import json
import sys

import numpy as np
import pandas as pd


def main(path, party_col, demand_col, vote_col):
    df = pd.read_csv(path, usecols=[party_col, demand_col, vote_col],
                     dtype={party_col: "category", demand_col: "category", vote_col: "category"},
                     keep_default_na=False)
    parties = df[party_col].cat.categories
    pi = df[party_col].cat.codes.to_numpy()
    di = df[demand_col].cat.codes.to_numpy()
    vote = df[vote_col].str.lower().to_numpy()
    shape = (len(parties), len(df[demand_col].cat.categories))
    y = np.zeros(shape, dtype=np.float32)
    n = np.zeros(shape, dtype=np.float32)
    a = np.zeros(shape, dtype=np.float32)
    y[pi[vote == "yes"], di[vote == "yes"]] = 1
    n[pi[vote == "no"], di[vote == "no"]] = 1
    a[pi[vote == "abstain"], di[vote == "abstain"]] = 1
    present = y + n + a
    shared = present @ present.T
    agree = y @ y.T + n @ n.T
    clash = y @ n.T
    clash += clash.T
    iu, ju = np.triu_indices(len(parties), k=1)
    sh, ag, cl = shared[iu, ju], agree[iu, ju], clash[iu, ju]
    ne = sh - ag - cl
    with np.errstate(invalid="ignore", divide="ignore"):
        dist = np.where(sh > 0, (2 * cl + ne) / (2 * sh), 0.5)
    order = np.lexsort((ju, iu, dist))
    rel = np.where(ag > cl, "alliance", np.where(cl > ag, "conflict", "neutral"))
    names = np.asarray(parties)
    pairs = [{"a": names[iu[k]], "b": names[ju[k]], "agree": int(ag[k]), "conflict": int(cl[k]),
              "neutral": int(ne[k]), "shared": int(sh[k]), "distance": float(dist[k]), "relation": rel[k]}
             for k in order]
    json.dump({"pairs": pairs}, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
