#!/usr/bin/env python3
"""Write a deterministic synthetic booklet project with N contributions.

    python bench/generate.py N OUT_DIR [--seed S]

OUT_DIR gets content/ (conference.yaml, people.yaml, programme/dayK.yaml,
abstracts/<id>.md) and bench.json, a summary of what was generated. The same N
and seed give the same bytes. Only the standard library and PyYAML are used.

Shape of the programme (see bench/README.md for the reasoning):
- days = N / 400, rounded, clamped to 1..5;
- talk rooms scale with N (2 at 100, 8 at 1,000, 30 at 5,000, 60 at 25,000,
  log-log interpolated, at most 60), plus one poster hall;
- each day: a keynote for all rooms (no room), two coffee breaks and lunch (no
  room), up to six parallel talk slots of 90 minutes with 4-6 talks each (start
  and duration inside the session, one or two chairs, a track), and one poster
  session in the poster hall with board numbers P001, P002, ...;
- posters are 20% of N, more when the talk rooms of a plausible day are full
  (at 25,000: 60 rooms x 6 slots x 5 days hold 10,800 talks, the rest are posters);
- persons: 0.7 N, names with diacritics from many languages, particles and
  family-first names with `family:`, titles, 1-3 affiliations each;
- co-authors on about half of the contributions;
- abstracts of 120-300 words in 1-4 paragraphs; about a quarter carry a DOI URL,
  about a fifth inline maths ($E = mc^2$), some `<` and `&`.

No speaker gives two talks at once, no room holds two sessions at once and
every contribution lies inside its session, so `booklet check` passes with no
errors and no warnings.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import yaml

GENERATOR_VERSION = 1
FIRST_DAY = dt.date(2027, 3, 8)          # a Monday
MAX_ROOMS = 60
SLOTS = [("09:30", "11:00"), ("11:30", "13:00"), ("14:00", "15:30"), ("16:00", "17:30"), ("17:45", "19:15"),
         ("19:30", "21:00")]
KEYNOTE = ("08:30", "09:15")
BREAKS = [("Coffee break", "break", "11:00", "11:30"), ("Lunch", "meal", "13:00", "14:00"),
          ("Coffee break", "break", "15:30", "16:00")]
POSTERS = ("17:45", "19:30")
SESSION_MINUTES = 90
ROOM_ANCHORS = [(1, 1), (100, 2), (1000, 8), (5000, 30), (25000, 60)]
POSTER_SHARE = 0.20
PERSON_SHARE = 0.70



class Quoted(str):
    """A value written in double quotes, as booklet asks for times ("09:30")."""


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):   # libyaml when present: same text, faster
    def ignore_aliases(self, data) -> bool:     # a date used by many sessions is written out each time
        return True


_Dumper.add_representer(Quoted, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", str(value),
                                                                              style='"'))

# -- names --------------------------------------------------------------------------------------------------------
# (given names, family names) per language; a family name with a space is written with `family:`.
NAMES = {
    "de": ("Jürgen Jörg Björn Käthe Sören Günter Lena Jonas Maximilian Ulrike Anneliese Hans-Peter Friederike Till "
           "Mareike Lukas Sabine Tobias Henrike Matthias Wiebke Klaus Dörte Ansgar",
           "Müller|Schäfer|Köhler|Weiß|Groß|Bäcker|Fröhlich|Schröder|Krüger|Günther|Möller|Hoffmann|Schmidt|"
           "Wagner|Becker|Lehmann|Kästner|Dürr|Jäger|Vogel|Zimmermann|Hübner|Brückner|Ströbele|von Weizsäcker|"
           "von der Heide|zu Salm|Rößler|Grünewald|Löffler"),
    "pl": ("Łukasz Małgorzata Wojciech Grażyna Bożena Zbigniew Jędrzej Agnieszka Paweł Katarzyna Michał Zofia "
           "Krzysztof Joanna Tomasz Ewa Przemysław Dorota Maciej Urszula",
           "Łukasiewicz|Wiśniewska|Żółkowski|Szczęsny|Kaźmierczak|Gąsiorowski|Dąbrowska|Wójcik|Kowalczyk|"
           "Woźniak|Jabłoński|Król|Zieliński|Szymańska|Nowakowski|Grzegorczyk|Pietrzak|Błaszczyk|Ślusarczyk|"
           "Michalak"),
    "cs": ("Jiří Tereza Radek Zuzana Kateřina Ondřej Lukáš Jana Vojtěch Markéta Přemysl Barbora Tomáš Šárka",
           "Dvořák|Novotná|Černý|Procházka|Šťastný|Růžička|Kříž|Horáková|Veselý|Krejčí|Němec|Pokorná|Marek|"
           "Hájek|Jelínková|Kučera|Beneš|Fiala|Sedláček|Zeman"),
    "sv": ("Åsa Björn Göran Linnéa Mårten Sigrid Håkan Ingrid Pär Märta Örjan Solveig Ebba Torbjörn",
           "Åkesson|Ångström|Sjöberg|Lindqvist|Söderström|Björklund|Nyström|Engström|Löfgren|Wallén|Hägg|"
           "Östlund|Bergström|Sandén|Strömberg"),
    "tr": ("Ayşe Çağrı Gülşen İbrahim Özlem Şule Ömer Yağmur Barış Elif Tuğba Emre Gökhan Ceren",
           "Öztürk|Yılmaz|Çelik|Şahin|Güneş|Doğan|Aydın|Kılıç|Arslan|Kaya|Özdemir|Çetin|Koç|Erdoğan|Aksoy|"
           "Karataş|Uçar|Gündüz"),
    "vi": ("Lan Hùng Phương Tuấn Hương Dũng Thảo Quang Ngọc Trung Hà Minh Khánh Vy",
           "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý"),
    "fr": ("Amélie Benoît Cécile Éric Françoise Gaël Hélène Jérôme Léa Noël Océane Rémi Séverine Thérèse Zoé "
           "Anaïs Loïc Maëlle",
           "Lefèvre|Bélanger|Gauthier|Fournier|Dubois|Mercier|Régnier|Thibault|Desprès|Faure|Chevalier|Moreau|"
           "Lemaître|Girard|Le Goff|Le Bihan|de la Fontaine|Dupré|Bérenger|Ménard"),
    "es": ("José María Ángel Begoña Íñigo Lucía Nuria Raúl Inés Joaquín Mónica Sebastián Ainhoa Maite",
           "García|Fernández|Núñez|Ibáñez|Muñoz|Peña|Gómez|Rodríguez|Martínez|Álvarez|Jiménez|Ortega|"
           "García Márquez|Fernández Castillo|de la Fuente|López-Urrutia|Sáenz de Buruaga|Castañeda"),
    "pt": ("João Conceição Gonçalo Inês Lúcia Sérgio Vitória Antônio Letícia Márcio",
           "Gonçalves|Araújo|Simões|Magalhães|Conceição|da Silva|dos Santos|Guimarães|Patrício|Brandão|"
           "Figueiredo|Assunção"),
    "nl": ("Maarten Sanne Joost Femke Bram Anouk Sjoerd Lieke Jeroen Marloes",
           "van der Berg|van den Heuvel|de Vries|de Jong|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|"
           "van der Linden|ter Horst|Verhoeven|de Groot"),
    "hu": ("Zsófia Gábor Ágnes László Enikő Bálint Csilla Dániel Réka Zoltán",
           "Kovács|Horváth|Szőke|Tóth|Fülöp|Nagy|Szabó|Varga|Molnár|Németh|Farkas|Balogh|Pintér|Vörös"),
    "is": ("Sigrún Guðrún Þórður Jónas Katrín Ólafur Björk Einar",
           "Jónsdóttir|Guðmundsson|Þórsdóttir|Sigurðsson|Halldórsson|Ragnarsson|Einarsdóttir|Ólafsson"),
    "ro": ("Ștefan Ioana Mihai Andreea Răzvan Oana Cătălin Irina",
           "Popescu|Țurcanu|Ștefănescu|Dumitrescu|Rădulescu|Constantinescu|Munteanu|Stoica|Lupașcu"),
    "hr": ("Ivana Željko Mirela Dražen Maja Goran Tanja Nikola",
           "Jovanović|Kovačević|Đorđević|Babić|Marić|Petrović|Šarić|Knežević|Horvat|Božić"),
    "nordic": ("Søren Kjersti Ørjan Ditte Frederik Ingvild Mads Tuva",
               "Jørgensen|Sørensen|Ødegård|Kjærgaard|Mäkinen|Häkkinen|Järvinen|Virtanen|Lehtonen|Kärkkäinen"),
    "baltic": ("Rūta Jonas Laura Māris Inga Andris Eglė Kristīne",
               "Žemaitytė|Kazlauskas|Bērziņš|Ozoliņa|Petrauskas|Kalniņš|Vaitkevičius|Liepiņa"),
    "it": ("Giulia Niccolò Chiara Lorenzo Federica Matteo Ilaria Stefano",
           "Rossi|D'Angelo|Esposito|Caruso|Di Stefano|De Luca|Ricci|Marchetti|Dell'Acqua|Lombardi|Fabbri"),
    "ga": ("Aoife Siobhán Ciarán Niamh Pádraig Orla",
           "O'Connor|Ó Súilleabháin|Mac Giolla|Ní Bhriain|McCarthy|Ó Briain|Kavanagh"),
    "en": ("Emily James Charlotte Oliver Hannah Samuel Grace Thomas Alice Daniel Zara Kwame Amara Priya Arjun "
           "Wei Yuki Hiroshi Min-jun Aroha",
           "Harrington|Whitfield|Okafor|Mensah|Wanjiru|Raghavan|Chen|Tanaka|Kim|Patel|Ahmadi|Rahimi|Benali|"
           "Thompson|Fitzgerald|Nakamura|Osei|Ncube"),
}
# Vietnamese names put the family name first: "Nguyễn Thị Lan".
VI_MIDDLE = ["Thị", "Văn", "Đức", "Minh", "Ngọc", "Quốc", "Thanh", "Hữu"]
LANG_WEIGHTS = {"de": 12, "pl": 7, "cs": 5, "sv": 5, "tr": 6, "vi": 6, "fr": 8, "es": 8, "pt": 5, "nl": 5, "hu": 4,
                "is": 2, "ro": 3, "hr": 3, "nordic": 4, "baltic": 2, "it": 6, "ga": 2, "en": 10}
TITLES = [None] * 12 + ["Dr."] * 6 + ["Prof. Dr."] * 2 + ["Prof."]

# -- affiliations -----------------------------------------------------------------------------------------------
UNIVERSITIES = [
    "Technische Universität München", "Universität Wien", "Ruprecht-Karls-Universität Heidelberg",
    "Uniwersytet Jagielloński", "Politechnika Gdańska", "Univerzita Karlova", "Vysoké učení technické v Brně",
    "Kungliga Tekniska högskolan", "Lunds universitet", "Boğaziçi Üniversitesi", "Orta Doğu Teknik Üniversitesi",
    "Đại học Quốc gia Hà Nội", "Đại học Bách khoa Thành phố Hồ Chí Minh", "Université Grenoble Alpes",
    "École polytechnique fédérale de Lausanne", "Sorbonne Université", "Universidad de Córdoba",
    "Universitat Politècnica de Catalunya", "Universidade de São Paulo", "Universidade do Porto",
    "Technische Universiteit Delft", "Eötvös Loránd Tudományegyetem", "Háskóli Íslands", "Universitatea din București",
    "Sveučilište u Zagrebu", "Københavns Universitet", "Aalto-yliopisto", "Vilniaus universitetas",
    "Latvijas Universitāte", "Università di Bologna", "Politecnico di Milano", "Trinity College Dublin",
    "University of Cambridge", "University of Nairobi", "Indian Institute of Science", "ETH Zürich",
    "Forschungszentrum Jülich", "Helmholtz-Zentrum Dresden-Rossendorf", "Deutsches Elektronen-Synchrotron DESY",
    "Max-Planck-Institut für Kohlenforschung", "Paul Scherrer Institut", "European Synchrotron Radiation Facility",
    "Institut Pasteur", "CNRS, Laboratoire Hubert Curien", "Consejo Superior de Investigaciones Científicas",
    "Karolinska Institutet", "Charité – Universitätsmedizin Berlin", "Universitätsklinikum Hamburg-Eppendorf",
    "Fraunhofer-Institut für Integrierte Schaltungen IIS", "Geoforschungszentrum Potsdam",
]
DEPARTMENTS = [
    "Institut für Physik", "Department of Computer Science", "Institute of Biomedical Engineering",
    "Laboratoire de Physique des Solides", "Instytut Fizyki", "Ústav přístrojové techniky",
    "Department of Earth Sciences", "Institut für Geowissenschaften", "Center for Imaging Science",
    "Departamento de Física Aplicada", "Institute for Medical Image Computing", "Fakultät für Informatik",
]


def _names(lang: str) -> tuple[list[str], list[str]]:
    given, family = NAMES[lang]
    return given.split(), family.split("|")


# -- titles and abstracts -----------------------------------------------------------------------------------------
LEADS = ["Quantitative", "Scalable", "Robust", "Self-supervised", "Fast", "Label-free", "Multiscale", "Correlative",
         "Automated", "Sparse", "Probabilistic", "Physics-informed", "Real-time", "Low-dose", "High-throughput",
         "In situ", "Operando", "Longitudinal", "Unsupervised", "Federated", "Interpretable", "Adaptive",
         "Compressed", "Differentiable", "Time-resolved", "Volumetric", "Open", "Reproducible", "Uncertainty-aware",
         "Multimodal", "Weakly supervised", "Calibrated", "Lightweight", "Generative", "Bayesian", "Event-based"]
GERUNDS = ["Towards", "Learning", "Tracking", "Benchmarking", "Revisiting", "Segmenting", "Reconstructing",
           "Denoising", "Registering", "Mapping", "Counting", "Measuring", "Simulating", "Annotating"]
METHODS = ["phase retrieval", "segmentation", "image registration", "tomographic reconstruction", "denoising",
           "super-resolution", "cell tracking", "anomaly detection", "change detection", "domain adaptation",
           "shape analysis", "spectral unmixing", "motion correction", "artefact reduction", "deconvolution",
           "feature matching", "volume rendering", "uncertainty quantification", "data compression",
           "instance segmentation", "landmark detection", "inverse modelling", "dose estimation",
           "point cloud classification", "visual proofreading", "stitching", "colour calibration", "tiling"]
OBJECTS = ["living organoids", "zebrafish embryos", "cardiac tissue", "coral reefs", "permafrost soils",
           "sea ice", "battery electrodes", "fossil insects", "ancient papyri", "bone implants",
           "neuronal circuits", "lung alveoli", "plant roots", "metallic foams", "glacier surfaces",
           "volcanic plumes", "tumour margins", "retinal layers", "cryo-preserved cells", "urban heat islands",
           "landslide scarps", "coastal wetlands", "liver biopsies", "mitochondrial networks", "kidney glomeruli",
           "catalyst particles", "perovskite films", "sediment cores", "mummified remains", "wood cell walls",
           "blood vessels", "insect flight muscles", "snow packs", "aerosol particles", "peat bogs",
           "bacterial colonies", "whole mouse brains", "ocean eddies", "additively manufactured parts",
           "historic paintings", "river deltas", "human teeth", "seed coats", "ice cores", "leaf stomata"]
TECHNIQUES = ["X-ray microtomography", "light-sheet microscopy", "cryo-electron tomography", "synchrotron imaging",
              "optical coherence tomography", "hyperspectral imaging", "InSAR time series", "LiDAR",
              "expansion microscopy", "photoacoustic imaging", "MRI at 7 T", "PET/MRI", "neutron imaging",
              "ptychography", "STED microscopy", "Sentinel-2 imagery", "electron backscatter diffraction",
              "diffusion models", "graph neural networks", "vision transformers", "implicit neural representations",
              "dark-field radiography", "FIB-SEM", "fluorescence lifetime imaging", "ultrasound localisation"]
CONTEXTS = ["at scale", "under flow", "across modalities", "in the field", "with few labels", "on the GPU",
            "over three decades", "at the nanoscale", "in the clinic", "from space", "in real time",
            "without ground truth", "at beamline scale", "in low-resource settings", "with open data",
            "for digital twins", "under uncertainty", "at the petabyte scale", "in turbid media",
            "beyond the diffraction limit"]
SUBTITLES = ["a benchmark", "lessons from two beamtimes", "a community challenge", "first results",
             "a reproducibility study", "an open-source toolbox", "what the errors tell us", "a field campaign",
             "from prototype to routine", "a multi-centre study", "closing the loop", "a tale of two detectors"]

SENTENCES = [
    "{Object_c} are difficult to image because contrast is low and the structures of interest span several "
    "orders of magnitude in size.",
    "We present a pipeline that combines {technique} with {method} and runs on a single workstation.",
    "Existing approaches to {method} assume clean, well-calibrated data, which is rarely the case for {object}.",
    "Our method was evaluated on {n} samples collected over {years} years at {k} sites.",
    "Compared with the state of the art, the error fell by {pct} percent while the run time stayed below "
    "{sec} seconds per volume.",
    "The reconstruction uses a learned prior and a physical forward model, so that every step remains "
    "interpretable.",
    "We release the code, the trained models and a curated data set of {n} annotated volumes.",
    "Ground truth was obtained by manual annotation from three experts, with an inter-rater agreement of "
    "0.{agree}.",
    "A key ingredient is {method}, which we adapt to the noise statistics of {technique}.",
    "Preliminary results on {object} show that subtle changes become visible weeks before they are seen by eye.",
    "The approach scales linearly with the size of the data and has been applied to volumes of {tb} TB.",
    "We discuss limitations, in particular the sensitivity to motion and to the choice of "
    "regularisation parameters.",
    "Differences between groups were significant (p < 0.0{p}) after correction for multiple comparisons.",
    "Measurements at {temp} °C and {pressure} bar confirm the trend predicted by the simulations.",
    "Our results suggest that {technique} can complement rather than replace established protocols for {object}.",
    "This work was carried out within a joint R&D project between academic groups and two industrial partners.",
    "Beyond {object}, the same ideas apply to other samples where {method} is the bottleneck.",
    "The resolution reached {res} µm in three dimensions, about {fold} times finer than in earlier studies.",
    "We further show how uncertainty estimates help to decide which regions need a second scan.",
    "All processing steps are documented in a workflow that others can rerun on their own data.",
    "The study combines laboratory measurements with {years} years of satellite observations.",
    "Training took {hours} hours on two GPUs, and inference takes less than a second per slice.",
    "Field campaigns in {place} provided independent validation data.",
    "We compare {k} published methods on the same data and report where each of them fails.",
]
PLACES = ["Svalbard", "the Mekong Delta", "the Ötztal Alps", "Łódź", "Brno", "Göteborg", "İzmir", "Hà Nội",
          "Reykjavík", "the Camargue", "Córdoba", "São Paulo", "the Wadden Sea", "Pécs", "Tromsø", "Cluj-Napoca"]
MATHS = [r"The energy follows $E = mc^2$ in the relativistic limit, which sets an upper bound on the dose.",
         r"We reject the null hypothesis at $\alpha_1 \leq 0.05$ in all but one of the cohorts.",
         r"The loss combines a data term and a prior, $L(x) = \|Ax - y\|_2^2 + \lambda R(x)$, with "
         r"$\lambda = 10^{-3}$.",
         r"The point spread function is modelled as a Gaussian with $\sigma \approx 1.2\,\mathrm{nm}$.",
         r"The velocity field is divergence-free, $\nabla \cdot \mathbf{u} = 0$, which we enforce exactly.",
         r"The algorithm runs in $O(n \log n)$ time for $n$ voxels."]
URL_SENTENCES = ["Code and data are available at {url}.", "The data set is published as {url}.",
                 "A preprint with all details is available at {url}."]


def rooms_for(n: int) -> int:
    """Talk rooms for N contributions: log-log interpolation through ROOM_ANCHORS, at most MAX_ROOMS."""
    if n >= ROOM_ANCHORS[-1][0]:
        return MAX_ROOMS
    for (n0, r0), (n1, r1) in zip(ROOM_ANCHORS, ROOM_ANCHORS[1:]):
        if n <= n1:
            t = (math.log(max(n, 1)) - math.log(n0)) / (math.log(n1) - math.log(n0))
            return max(1, min(MAX_ROOMS, round(math.exp(math.log(r0) + t * (math.log(r1) - math.log(r0))))))
    return MAX_ROOMS


def days_for(n: int) -> int:
    return max(1, min(5, int(n / 400 + 0.5)))


def _hhmm(minutes: int) -> Quoted:
    return Quoted(f"{minutes // 60:02d}:{minutes % 60:02d}")


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(_ASCII)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


_ASCII = str.maketrans({"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ø": "O", "ø": "o", "ß": "ss", "Þ": "Th",
                        "þ": "th", "Ð": "D", "ð": "d", "ı": "i", "Æ": "Ae", "æ": "ae"})


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


class Plan:
    """How N contributions are spread over days, rooms, slots and poster sessions."""

    def __init__(self, n: int, days: int | None = None, rooms: int | None = None):
        if n < 1:
            raise ValueError("N must be at least 1")
        self.n = n
        self.days = days or days_for(n)
        self.rooms = rooms or rooms_for(n)
        self.keynotes = min(self.days, n)
        rest = n - self.keynotes
        posters = round(n * POSTER_SHARE)
        talks = max(0, rest - posters)
        capacity = self.days * self.rooms * len(SLOTS)          # talk sessions a plausible programme holds
        sessions = min(math.ceil(talks / 5), capacity)
        talks = min(talks, 6 * sessions)                        # the rest become posters
        if talks < 4 * sessions:                                # few talks: fewer, fuller sessions
            sessions = talks // 4
            talks = min(talks, 6 * sessions)
        self.talk_sessions, self.talks = sessions, talks
        self.posters = rest - talks
        self.persons = max(3, round(n * PERSON_SHARE))

    def per_day(self, total: int) -> list[int]:
        return [total // self.days + (1 if d < total % self.days else 0) for d in range(self.days)]


class Generator:
    def __init__(self, plan: Plan, seed: int):
        self.plan, self.rng = plan, random.Random(seed)
        self.people: list[dict] = []
        self.titles: set[str] = set()

    # -- persons --------------------------------------------------------------------------------------------------
    def make_people(self) -> None:
        rng = self.rng
        langs = list(LANG_WEIGHTS)
        weights = [LANG_WEIGHTS[lang] for lang in langs]
        pools = {lang: _names(lang) for lang in langs}
        all_given = [g for lang in langs for g in pools[lang][0] if lang != "vi"]
        affiliations = UNIVERSITIES + [f"{d}, {u}" for d in DEPARTMENTS for u in UNIVERSITIES[::3]]
        names, ids = set(), set()
        while len(self.people) < self.plan.persons:
            lang = rng.choices(langs, weights)[0]
            given_pool, family_pool = pools[lang]
            family = rng.choice(family_pool)
            if lang == "vi":
                given = f"{rng.choice(VI_MIDDLE)} {rng.choice(given_pool)}"
                name = f"{family} {given}"
            else:
                given = rng.choice(given_pool) if rng.random() < 0.85 else rng.choice(all_given)
                if rng.random() < 0.2:
                    given += f" {rng.choice('ABCDEFGHIJKLMNOPRSTUVWZ')}."
                name = f"{given} {family}"
            key = " ".join(sorted(name.split()))     # unique even as a set of words ("Berg, Jan van der")
            if key in names:
                continue
            names.add(key)
            base = _slug(f"{family} {given}") or "person"
            pid, k = base, 1
            while pid in ids:
                k += 1
                pid = f"{base}-{k}"
            ids.add(pid)
            entry = {"id": pid, "name": name}
            if lang == "vi" or " " in family:
                entry["family"] = family
            title = rng.choice(TITLES)
            if title:
                entry["title"] = title
            count = rng.choices((1, 2, 3), (60, 30, 10))[0]
            entry["affiliations"] = rng.sample(affiliations, count)
            self.people.append(entry)

    # -- titles and abstracts -------------------------------------------------------------------------------------
    def title(self) -> str:
        """A new title; none is a prefix of another (first word capitalised, the rest never is)."""
        rng = self.rng
        while True:
            form = rng.random()
            if form < 0.35:
                t = f"{rng.choice(LEADS)} {rng.choice(METHODS)} of {rng.choice(OBJECTS)} {rng.choice(CONTEXTS)}"
            elif form < 0.6:
                t = f"{rng.choice(LEADS)} {rng.choice(METHODS)} for {rng.choice(OBJECTS)}: {rng.choice(SUBTITLES)}"
            elif form < 0.8:
                t = f"{rng.choice(GERUNDS)} {rng.choice(OBJECTS)} with {rng.choice(TECHNIQUES)}"
            else:
                t = (f"{rng.choice(LEADS)} {rng.choice(TECHNIQUES)} and {rng.choice(METHODS)} reveal "
                     f"{rng.choice(OBJECTS)} {rng.choice(CONTEXTS)}")
            if t not in self.titles:
                self.titles.add(t)
                return t

    def abstract(self) -> str:
        rng = self.rng
        target = rng.randint(120, 300)
        sentences, words = [], 0
        extras = []
        if rng.random() < 0.25:
            doi = rng.choice([f"10.5281/zenodo.{rng.randint(1000000, 9999999)}",
                              f"10.1038/s41592-0{rng.randint(20, 26)}-0{rng.randint(1000, 9999)}-{rng.choice('xyz')}",
                              f"10.48550/arXiv.{rng.randint(2001, 2612)}.{rng.randint(10000, 29999)}"])
            extras.append(rng.choice(URL_SENTENCES).format(url=f"https://doi.org/{doi}"))
        if rng.random() < 0.2:
            extras.append(rng.choice(MATHS))
        fill = {"object": rng.choice(OBJECTS), "method": rng.choice(METHODS), "technique": rng.choice(TECHNIQUES),
                "place": rng.choice(PLACES)}
        fill["Object_c"] = fill["object"][0].upper() + fill["object"][1:]
        order = rng.sample(range(len(SENTENCES)), len(SENTENCES))
        extra_words = sum(len(e.split()) for e in extras)
        for i in order:
            s = SENTENCES[i].format(n=rng.randint(12, 4000), years=rng.randint(2, 30), k=rng.randint(3, 12),
                                    pct=rng.randint(8, 60), sec=rng.randint(2, 90), agree=rng.randint(71, 96),
                                    tb=rng.randint(2, 40), p=rng.randint(1, 5), temp=rng.randint(-40, 900),
                                    pressure=rng.randint(1, 300), res=rng.choice(["0.3", "0.65", "1.2", "2.5"]),
                                    fold=rng.randint(2, 9), hours=rng.randint(3, 96), **fill)
            w = len(s.split())
            if words + extra_words + w > 300:
                continue
            sentences.append(s)
            words += w
            if words + extra_words >= target:
                break
        for e in extras:
            sentences.insert(rng.randint(1, len(sentences)), e)
        paragraphs, cut = [], 0
        count = rng.choices((1, 2, 3, 4), (25, 40, 25, 10))[0]
        step = max(1, len(sentences) // count)
        while cut < len(sentences):
            paragraphs.append(" ".join(sentences[cut:cut + step]))
            cut += step
        if len(paragraphs) > 1 and len(paragraphs[-1].split()) < 15:
            last = paragraphs.pop()
            paragraphs[-1] += " " + last
        return "\n\n".join(paragraphs) + "\n"

    # -- programme -------------------------------------------------------------------------------------------------
    def build(self) -> dict:
        plan, rng = self.plan, self.rng
        self.make_people()
        people = self.people
        n_people = len(people)
        # Speakers: everyone once, in random order, then random repeats for the remaining contributions.
        speakers = list(range(n_people)) + [rng.randrange(n_people) for _ in range(max(0, plan.n - n_people))]
        rng.shuffle(speakers)
        queue = {"items": speakers, "at": 0}
        busy: set = set()          # (person index, day, slot): speaking or chairing then

        def next_speaker(when=None) -> int:
            items, at = queue["items"], queue["at"]
            if at >= len(items):
                items.append(rng.randrange(n_people))
            if when is not None:
                for j in range(at, min(len(items), at + 200)):
                    if (items[j],) + when not in busy:
                        items[at], items[j] = items[j], items[at]
                        break
                else:
                    while (items[at],) + when in busy:
                        items[at] = rng.randrange(n_people)
                busy.add((items[at],) + when)
            queue["at"] = at + 1
            return items[at]

        def free_person(when, avoid=()) -> int:
            while True:
                p = rng.randrange(n_people)
                if (p,) + when not in busy and p not in avoid:
                    busy.add((p,) + when)
                    return p

        tracks = self.tracks()
        rooms = [{"id": f"r{r + 1:02d}", "name": name, "short": short} for r, (name, short) in enumerate(self.room_names())]
        poster_hall = {"id": "poster-hall", "name": "Poster hall", "short": "Posters"}
        topic_count: dict[str, int] = {}
        abstracts: dict[str, str] = {}
        days: list[list[dict]] = []
        counter = {"c": 0}

        def contribution(speaker: int, *, coauthor_chance: float = 0.5) -> dict:
            counter["c"] += 1
            cid = f"c{counter['c']:05d}"
            c = {"id": cid, "title": self.title()}
            person = people[speaker]
            if len(person["affiliations"]) > 1 and rng.random() < 0.1:
                c["speakers"] = [{"person": person["id"], "affiliations": person["affiliations"][:1]}]
            else:
                c["speakers"] = [person["id"]]
            if rng.random() < coauthor_chance:
                count = rng.choices((1, 2, 3, 4, 5, 6), (30, 30, 20, 10, 6, 4))[0]
                chosen: list[int] = []
                while len(chosen) < min(count, n_people - 1):
                    p = rng.randrange(n_people)
                    if p != speaker and p not in chosen:
                        chosen.append(p)
                c["authors"] = [people[p]["id"] for p in chosen]
            c["abstract_file"] = f"abstracts/{cid}.md"
            abstracts[cid] = self.abstract()
            return c

        sizes_all = self.session_sizes(plan.talk_sessions, plan.talks)
        posters_per_day = plan.per_day(plan.posters)
        for d in range(plan.days):
            day = FIRST_DAY + dt.timedelta(days=d)
            tag = f"d{d + 1}"
            sessions: list[dict] = []
            if d < plan.keynotes:
                when = (day, "keynote")
                speaker = next_speaker(when)
                keynote = contribution(speaker, coauthor_chance=0.2)
                keynote.update(start=Quoted(KEYNOTE[0]), duration=_minutes(KEYNOTE[1]) - _minutes(KEYNOTE[0]))
                sessions.append({"session": "Opening keynote" if d == 0 else f"Keynote {_roman(d + 1)}",
                                 "id": f"{tag}-keynote",
                                 "kind": "keynote", "day": day, "start": Quoted(KEYNOTE[0]), "end": Quoted(KEYNOTE[1]),
                                 "chairs": [people[free_person(when, avoid=(speaker,))]["id"]],
                                 "contributions": [keynote]})
            for b, (title, kind, start, end) in enumerate(BREAKS):
                sessions.append({"session": title, "id": f"{tag}-{kind}-{b + 1}", "kind": kind, "day": day,
                                 "start": Quoted(start), "end": Quoted(end)})
            first = sum(plan.per_day(plan.talk_sessions)[:d])
            sizes = sizes_all[first:first + plan.per_day(plan.talk_sessions)[d]]
            for i, size in enumerate(sizes):
                slot, r = divmod(i, plan.rooms)
                start, end = SLOTS[slot]
                when = (day, slot)
                track = tracks[(r + slot * 3 + d) % len(tracks)] if r % 5 != 4 else tracks[rng.randrange(len(tracks))]
                topic = rng.choice(track["topics"])
                topic_count[topic] = topic_count.get(topic, 0) + 1
                duration = SESSION_MINUTES // size
                items = []
                for k in range(size):
                    c = contribution(next_speaker(when))
                    c["start"] = _hhmm(_minutes(start) + k * duration)
                    c["duration"] = duration
                    items.append(c)
                chairs = [free_person(when) for _ in range(rng.choices((1, 2), (70, 30))[0])]
                sessions.append({"session": f"{topic} {_roman(topic_count[topic])}",
                                 "id": f"{tag}-s{slot + 1}-{rooms[r]['id']}", "kind": "talks", "track": track["id"],
                                 "day": day, "start": Quoted(start), "end": Quoted(end), "room": rooms[r]["id"],
                                 "chairs": [people[p]["id"] for p in dict.fromkeys(chairs)],
                                 "contributions": items})
            if posters_per_day[d]:
                width = max(3, len(str(posters_per_day[d])))
                items = []
                for k in range(posters_per_day[d]):
                    c = contribution(next_speaker())
                    c["board"] = f"P{k + 1:0{width}d}"
                    if rng.random() < 0.5:
                        c["track"] = tracks[rng.randrange(len(tracks))]["id"]
                    items.append(c)
                sessions.append({"session": "Poster session" if plan.days == 1 else f"Poster session {_roman(d + 1)}",
                                 "id": f"{tag}-posters", "kind": "posters", "day": day, "start": Quoted(POSTERS[0]),
                                 "end": Quoted(POSTERS[1]), "room": poster_hall["id"], "contributions": items})
            days.append(sessions)
        conference = {
            "title": f"Synthetic Imaging Conference, {plan.n:,} contributions",
            "short": f"SIC {plan.n}",
            "slug": f"bench-{plan.n}",
            "dates": {"start": FIRST_DAY, "end": FIRST_DAY + dt.timedelta(days=plan.days - 1)},
            "timezone": "Europe/Berlin",
            "venue": "Výstaviště Brno, Brno",
            "language": "en",
            "organisers": ["Booklet Benchmark Society", "Société française d'imagerie synthétique"],
            "rooms": rooms + [poster_hall],
            "tracks": [{k: t[k] for k in ("id", "name", "colour")} for t in tracks],
        }
        return {"conference": conference, "people": people, "days": days, "abstracts": abstracts}

    def session_sizes(self, sessions: int, talks: int) -> list[int]:
        """`talks` spread over `sessions` sessions of 4 to 6 talks each, varied at random."""
        if sessions == 0:
            return []
        sizes = [talks // sessions + (1 if i < talks % sessions else 0) for i in range(sessions)]
        for i in range(sessions):
            j = self.rng.randrange(sessions)
            if sizes[i] > 4 and sizes[j] < 6 and i != j:
                sizes[i] -= 1
                sizes[j] += 1
        return sizes

    def tracks(self) -> list[dict]:
        count = min(len(TRACKS), max(2, round(2 * math.sqrt(self.plan.rooms))))
        return [{"id": tid, "name": name, "colour": colour, "topics": topics}
                for tid, name, colour, topics in TRACKS[:count]]

    def room_names(self) -> list[tuple[str, str]]:
        named = [("Auditorium Maximum", "Audimax"), ("Hall Ångström", "Ångström"), ("Hall Curie", "Curie"),
                 ("Hall Łukasiewicz", "Łukasiewicz"), ("Hall Dvořák", "Dvořák"), ("Hall Gödel", "Gödel")]
        out = named[:self.plan.rooms]
        out += [(f"Room {r + 1}", f"R{r + 1}") for r in range(len(out), self.plan.rooms)]
        return out


TRACKS = [
    ("xray", "X-ray & Synchrotron Imaging", "#7a2418",
     ["Phase-contrast imaging", "Tomography at synchrotrons", "Dark-field methods", "Ptychography"]),
    ("micro", "Electron & Light Microscopy", "#1f5fa8",
     ["Cryo-electron tomography", "Super-resolution microscopy", "Light-sheet imaging", "Correlative workflows"]),
    ("bio", "Biomedical & Preclinical Imaging", "#2f9e6e",
     ["Preclinical MRI and PET", "Cardiac imaging", "Neuroimaging", "Digital pathology"]),
    ("earth", "Earth & Environmental Observation", "#d4a017",
     ["Remote sensing of the cryosphere", "Natural hazards from space", "Ocean colour", "Land surface change"]),
    ("comp", "Computation & AI", "#6b3fa0",
     ["Learning from few labels", "Foundation models for imaging", "Inverse problems", "Uncertainty"]),
    ("data", "Data, Software & FAIR", "#0f766e",
     ["Open data infrastructures", "Research software", "Metadata and provenance", "Workflows at scale"]),
    ("mat", "Materials & Energy", "#c05621",
     ["Batteries in operando", "Additive manufacturing", "Catalysis", "Porous media"]),
    ("heritage", "Cultural Heritage & Palaeontology", "#9d174d",
     ["Imaging the past", "Fossils and amber", "Manuscripts and paintings"]),
    ("plant", "Plant & Ecosystem Imaging", "#4d7c0f",
     ["Roots and soil", "Phenotyping", "Forests from above"]),
    ("phys", "Imaging Physics & Detectors", "#1e3a8a",
     ["Detectors", "Sources and optics", "Calibration"]),
    ("med", "Clinical Translation", "#b45309",
     ["From bench to bedside", "Clinical trials with imaging", "Radiotherapy planning"]),
    ("edu", "Training & Community", "#475569",
     ["Teaching imaging", "Community challenges", "Careers in imaging"]),
]


def write(project: dict, out: Path, plan: Plan, seed: int) -> dict:
    content = out / "content"
    if content.exists():
        shutil.rmtree(content)
    (content / "abstracts").mkdir(parents=True)
    (content / "programme").mkdir()

    def dump(data, path: Path) -> None:
        path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100),
                        encoding="utf-8")

    dump(project["conference"], content / "conference.yaml")
    dump(project["people"], content / "people.yaml")
    for d, sessions in enumerate(project["days"]):
        dump(sessions, content / "programme" / f"day{d + 1}.yaml")
    for cid, text in project["abstracts"].items():
        (content / "abstracts" / f"{cid}.md").write_text(text, encoding="utf-8")
    summary = {"generator": GENERATOR_VERSION, "n": plan.n, "seed": seed, "days": plan.days,
               "talk_rooms": plan.rooms, "keynotes": plan.keynotes, "talks": plan.talks,
               "talk_sessions": plan.talk_sessions, "posters": plan.posters, "persons": len(project["people"]),
               "slug": project["conference"]["slug"]}
    (out / "bench.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return summary


def generate(n: int, out: Path, seed: int = 1, *, days: int | None = None, rooms: int | None = None) -> dict:
    """Write the project for `n` contributions into `out`; returns the summary written to bench.json."""
    out = Path(out)
    if (out / "content").exists() and not (out / "bench.json").exists():
        raise SystemExit(f"{out}/content exists and was not written by this generator; choose another folder")
    plan = Plan(n, days, rooms)
    project = Generator(plan, seed).build()
    return write(project, out, plan, seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="number of contributions")
    parser.add_argument("out", type=Path, help="project folder to write (its content/ is replaced)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--days", type=int, help="override the number of days (default N/400, 1..5)")
    parser.add_argument("--rooms", type=int, help="override the number of talk rooms")
    args = parser.parse_args(argv)
    summary = generate(args.n, args.out, args.seed, days=args.days, rooms=args.rooms)
    print(f"wrote {args.out}: {summary['n']} contributions ({summary['keynotes']} keynotes, {summary['talks']} talks "
          f"in {summary['talk_sessions']} sessions, {summary['posters']} posters), {summary['persons']} persons, "
          f"{summary['days']} days, {summary['talk_rooms']} talk rooms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
