#!/usr/bin/env python3
"""The live objects the load needs, made through TableLoop's API and the WeChat simulator like a phone would:
each diner gets a wx.login code, signs in, scans a table and opens its tab; every store's menu is read once for its
ETag. Writes, in the work directory given:
  diners.tsv   store id, tab id, session token, dish id to add (one line a diner)
  warm-diners.tsv   the same for the diners who warm the order path up: sets of as many, each set at tables of its own
  payers.tsv   user id, session token: the diners and pgbench's clients, who pay for their orders at the end
  stores.tsv   store id, ETag of its menu
  menu.json    one store's menu, byte for byte, for nginx to serve
Diner i sits alone at table T01, T02, ... of store i % stores + 1 as user 'bench-user-<i + 1>'; warm-up set k's diners
sit likewise from table T<2 + k> on, as the users after; pgbench's client c orders as user 'bench-user-<90001 + c>' at
a tab bench/seed.sql opened for it.
"""
import json
import sys
import urllib.parse
import urllib.request

api, simulator, work = sys.argv[1], sys.argv[2], sys.argv[3]
stores, diners, warm_sets = int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])


def call(method, url, body=None, token=None):
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read()


payers = open(work + "/payers.tsv", "w")


def sign_in(user):
    _, _, minted = call("POST", simulator + "/sim/login-code", {"user": user})
    _, _, signed_in = call("POST", api + "/api/v1/auth/wechat", {"code": json.loads(minted)["code"]})
    session = json.loads(signed_in)
    payers.write("%s\t%s\n" % (session["user"]["id"], session["token"]))
    return session["token"]


for c in range(diners):
    sign_in("bench-user-%d" % (90001 + c))


def seat(out, i, first_table, user):
    """Diner i (of a set) signs in as user, sits at a table of their own and opens its tab."""
    store_no, table_no = i % stores + 1, first_table + i // stores
    token = sign_in(user)
    scene = "s=bs%04d&t=T%02d" % (store_no, table_no)
    _, _, scanned = call("GET", api + "/api/v1/scan?" + urllib.parse.urlencode({"scene": scene}))
    scan = json.loads(scanned)
    store_id, table_id = scan["store"]["id"], scan["table"]["id"]
    _, _, opened = call("POST", "%s/api/v1/stores/%s/tables/%s/tab" % (api, store_id, table_id),
                        {"scan_token": scan["scan_token"]}, token)
    tab = json.loads(opened)
    # Dishes 9 to 12 of a store have no options (bench/seed.sql): the add needs no choice.
    _, _, menu = call("GET", "%s/api/v1/stores/%s/menu" % (api, store_id))
    dishes = [dish["id"] for category in json.loads(menu)["categories"] for dish in category["dishes"]
              if not dish.get("option_groups")]
    out.write("%s\t%s\t%s\t%s\n" % (store_id, tab["id"], token, dishes[i % len(dishes)]))


with open(work + "/diners.tsv", "w") as out:
    for i in range(diners):
        seat(out, i, 1, "bench-user-%d" % (i + 1))
tables_a_set = (diners + stores - 1) // stores
with open(work + "/warm-diners.tsv", "w") as out:
    for k in range(warm_sets):
        for i in range(diners):
            seat(out, i, 1 + tables_a_set * (k + 1), "bench-user-%d" % (diners * (k + 1) + i + 1))

payers.close()

with open(work + "/stores.tsv", "w") as out:
    for store_no in range(1, stores + 1):
        _, _, scanned = call("GET", api + "/api/v1/scan?" + urllib.parse.urlencode({"scene": "s=bs%04d&t=T01" % store_no}))
        store_id = json.loads(scanned)["store"]["id"]
        _, headers, menu = call("GET", "%s/api/v1/stores/%s/menu" % (api, store_id))
        out.write("%s\t%s\n" % (store_id, headers["ETag"]))
        if store_no == 1:
            with open(work + "/menu.json", "wb") as body:
                body.write(menu)
