#!/usr/bin/env python3
"""Writes the syndicated copies of the folding set from eval/articles (run from the repository root).

Each story folder eval/folding/<corpus-id>/ holds three outlets' copies of eval/articles/<corpus-id>.txt: another
headline, byline and site boilerplate, light edits and trimmed ends. Each copy ends with "Source: <url>" naming the
text it derives from; it carries that text's licence (eval/labels/<corpus-id>.json).
"""
import glob, json, os, re

MIN_PARAGRAPHS = 4
OUT = "eval/folding"

def paragraphs(path):
    text = open(path, encoding="utf-8").read().strip()
    title, _, body = text.partition("\n\n")
    return title.strip(), [p.strip() for p in body.split("\n\n") if p.strip()]

def light_edits(paras):
    out = []
    for p in paras:
        p = p.replace(" said ", " says ", 1).replace("United States", "U.S.").replace(" percent", " per cent")
        out.append(p)
    # Drop the last sentence of the longest paragraph, as a sub-editor would.
    i = max(range(len(out)), key=lambda k: len(out[k]))
    sentences = re.split(r"(?<=[.!?])\s+", out[i])
    if len(sentences) > 2:
        out[i] = " ".join(sentences[:-1])
    return out

def write(folder, name, lines):
    with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
        f.write("\n\n".join(lines) + "\n")

stories = []
for path in sorted(glob.glob("eval/articles/*.txt")):
    cid = os.path.splitext(os.path.basename(path))[0]
    label = json.load(open(f"eval/labels/{cid}.json", encoding="utf-8"))
    title, paras = paragraphs(path)
    if len(paras) < MIN_PARAGRAPHS:
        continue
    folder = os.path.join(OUT, cid)
    os.makedirs(folder, exist_ok=True)
    source = f"Source: {label['source']}"
    write(folder, "daily-courier.txt", [
        f"What we know: {title}", "By Jordan Reyes, Daily Courier staff", *paras,
        "Sign up for our newsletter to get the day's top stories.", "© 2026 The Daily Courier. All rights reserved.", source])
    write(folder, "metro-herald.txt", [
        f"{title} | Metro Herald", "Posted: 12 March 2026", *light_edits(paras[:-1]),
        "Read more: World news", source])
    kept = paras[:-2] if len(paras) >= 6 else paras
    write(folder, "county-gazette.txt", [
        title.upper() if len(title) < 60 else title.split(":")[0], "From staff and wire reports", *kept,
        "The Gazette will update this report as more becomes known; readers with information can write to the newsroom.",
        "Follow us for more stories like this.", source])
    stories.append((cid, label["source"], label["licence"]))

with open(os.path.join(OUT, "SOURCES.md"), "w", encoding="utf-8") as f:
    f.write("# Sources of the folding set\n\nEach folder's three copies derive from the corpus text of the same name "
            "(`eval/articles/<id>.txt`) and carry its licence. Made by `eval/folding/make_copies.py`.\n\n"
            "| Story | Source | Licence |\n| --- | --- | --- |\n")
    for cid, src, lic in stories:
        f.write(f"| {cid} | {src} | {lic} |\n")
print(len(stories), "stories")
