"""`render.py proof`: the catalogue as one contact sheet, read back as a reviewer sees it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from awareprint.catalogue.all_jobs import catalogue_jobs
from awareprint.catalogue.load import load_catalogue
from awareprint.cli.main import main
from awareprint.documents import proof_pieces
from awareprint.documents.proof import make_proof
from awareprint.documents.proof_grid import Entry, arrange
from awareprint.documents.proof_pieces import THUMBNAIL_PX, ProofPiece, thumbnails
from awareprint.documents.proof_select import proof_path, select_jobs
from awareprint.documents.proof_text import load_proof_text
from awareprint.errors import ContentError, InputError, RenderError
from awareprint.render import pipeline
from tests.pdfread import page_sizes, plumbed, text_of

SMALL = ["--layout", "poster", "--size", "letter",
         "--lang", "en", "--lang", "ar", "--lang", "zh-Hans"]
TABLOID_LANDSCAPE = (1224.0, 792.0)


def placed_images(pdf: bytes) -> list[tuple[int, int]]:
    """The pixel size of every image drawn on the contact sheets, page after page."""
    with plumbed(pdf) as document:
        return [tuple(int(v) for v in image["srcsize"])
                for page in document.pages for image in page.images]


def flat(pdf: bytes) -> str:
    return " ".join(text_of(pdf).split())


@pytest.fixture(scope="module")
def small_proof(tmp_path_factory) -> tuple[bytes, Path]:
    """poster letter in en, ar, zh-Hans (and en+ar, en+zh-Hans), and the wallet card in en."""
    catalogue = load_catalogue()
    jobs = (select_jobs(catalogue, ["poster"], ["letter"], ["en", "ar", "zh-Hans"])
            + select_jobs(catalogue, ["wallet-card"], ["business-card"], ["en"]))
    path = tmp_path_factory.mktemp("proof") / "proof.pdf"
    proof = make_proof(jobs, catalogue, path, workers=2, png=True)
    assert proof.failed == ()
    return path.read_bytes(), path


def test_the_filter_keeps_the_languages_given_and_their_pairs(catalogue):
    jobs = select_jobs(catalogue, ["poster"], ["letter"], ["en", "AR", "zh-hans"])
    assert [job.label for job in jobs] == [
        "poster letter [ar]", "poster letter [en]", "poster letter [zh-Hans]",
        "poster letter [en+ar]", "poster letter [en+zh-Hans]"]
    pair = select_jobs(catalogue, ["poster"], ["letter"], ["en+ar"])
    assert [job.label for job in pair] == ["poster letter [en+ar]"]


def test_out_names_the_file_or_its_folder():
    assert proof_path(Path("review/sheet.pdf")) == Path("review/sheet.pdf")
    assert proof_path(Path("review")) == Path("review/proof.pdf")


def test_the_filter_reuses_the_catalogue_list_of_pieces(catalogue):
    everything = catalogue_jobs(catalogue)
    assert select_jobs(catalogue) == everything
    sizes = select_jobs(catalogue, [], ["letter"])
    assert {job.layout for job in sizes} == {name for name, spec in catalogue.layouts.items()
                                            if "letter" in spec.sizes}
    assert all(job in everything for job in sizes)


@pytest.mark.parametrize(("argv", "words"), [
    (["--layout", "postr"], ["--layout: unknown layout 'postr'", "did you mean 'poster'"]),
    (["--layout", "wallet-card", "--size", "letter"], ["wallet-card has no size", "cr80"]),
    (["--layout", "poster", "--layout", "wallet-card", "--size", "letter"],
     ["no size of wallet-card", "business-card"]),
    (["--lang", "xx"], ["unknown language 'xx'", "choose from"]),
    (["--lang", "ar+en"], ["--lang: 'ar+en'", "give en+ar"]),
    (["--lang", "en+es+fr"], ["one language or two"]),
    (["--workers", "0"], ["--workers"]),
])
def test_a_bad_filter_is_one_line_and_exit_2(capsys, tmp_path, argv, words):
    code = main(["proof", *argv, "--out", str(tmp_path / "proof.pdf")])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_an_out_that_cannot_be_written_is_said_before_rendering(monkeypatch, capsys, tmp_path):
    def never(*args, **kwargs):
        raise AssertionError("rendered before checking --out")

    monkeypatch.setattr("awareprint.documents.proof.proof_pieces", never)
    (tmp_path / "taken").write_text("a file")
    code = main(["proof", *SMALL, "--out", str(tmp_path / "taken" / "proof.pdf")])
    assert code == 2
    assert "is a file, not a folder" in capsys.readouterr().err


def test_every_page_of_every_piece_is_a_labelled_cell(small_proof):
    pdf, _ = small_proof
    text = flat(pdf)
    for label in ("poster · letter", "wallet-card · business-card", "en English",
                  "ar Arabic", "zh-Hans Chinese", "One language", "Two languages: en +"):
        assert label in text, label
    for cell in ("en p1/1", "ar p1/1", "zh-Hans p1/1", "en+ar p1/1", "en+zh-Hans p1/1",
                 "en p1/2 front", "en p2/2 back"):
        assert cell in text, cell
    assert text.count("poster · letter") == 5 + 1  # every cell, and the block's heading
    assert text.count("wallet-card · business-card") == 2 + 1
    # the cells of ar, zh-Hans and their pairs; the legend's marker and words, and the
    # notes of Arabic and Chinese
    assert text.upper().count("NOT YET REVIEWED") >= 4 + 2 + 2


def test_the_cells_hold_small_images(small_proof):
    pdf, _ = small_proof
    images = placed_images(pdf)
    assert len(images) == 5 + 2                   # five posters, a card's front and back
    assert all(max(size) <= THUMBNAIL_PX for size in images)
    assert all(max(size) >= THUMBNAIL_PX - 1 for size in images)


def test_the_contact_sheet_is_tabloid_landscape_with_a_png_a_page(small_proof):
    pdf, path = small_proof
    sizes = page_sizes(pdf)
    assert all(abs(w - TABLOID_LANDSCAPE[0]) < 1 and abs(h - TABLOID_LANDSCAPE[1]) < 1
               for w, h in sizes)
    pngs = sorted(path.parent.glob("proof_p*.png"))
    assert len(pngs) == len(sizes)
    with Image.open(pngs[0]) as image:
        assert image.width > image.height
    assert not list(path.parent.glob(".*.part"))


def _failing_for_arabic(real):
    def render(job, catalogue, read_back):
        if "ar" in job.languages:
            raise RenderError(f"{job.label}: the test broke Arabic on purpose")
        return real(job, catalogue, read_back)
    return render


def test_languages_of_one_piece_share_a_block_and_scaled_text_marks_its_page(catalogue):
    jobs = select_jobs(catalogue, ["wallet-card"], ["business-card"], ["en", "es", "vi"])
    entries = [Entry(job, ("front.jpg", "back.jpg"),
                     {"numbers": (12.5, 10.0)} if job.languages == ("vi",) else {})
               for job in jobs]
    [group] = arrange(entries, catalogue)
    [band] = group.bands
    assert [column.code for column in band.columns] == ["en", "es", "vi"]  # source first
    assert [(row.languages, row.page_name) for row in band.rows] == [
        (1, "front"), (1, "back"), (2, "front"), (2, "back")]
    front, back = band.rows[0].cells[2], band.rows[1].cells[2]
    assert front.languages == "vi" and "scaled" in front.markers and front.percent == 80
    assert "scaled" not in back.markers
    assert band.rows[2].cells[0] is None                 # no en+en: its place stays empty
    assert band.rows[2].cells[1].languages == "en+es"    # a pair under its second language


def test_a_failed_piece_shows_its_error_and_the_others_are_made(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(pipeline, "render", _failing_for_arabic(pipeline.render))
    out = tmp_path / "proof.pdf"
    code = main(["proof", *SMALL, "--out", str(out), "--workers", "2"])
    captured = capsys.readouterr()
    assert code == 1
    assert "FAILED poster letter [ar]: the test broke Arabic on purpose" in captured.err
    assert "FAILED poster letter [en+ar]" in captured.err
    assert "5 pieces" in captured.out and "2 failed" in captured.out
    pdf = out.read_bytes()
    text = flat(pdf)
    assert text.count("the test broke Arabic on purpose") == 2
    assert "ar p1/1" in text and "en+ar p1/1" in text  # still labelled, in their places
    assert "FAILED" in text.upper()
    assert len(placed_images(pdf)) == 3                 # en, zh-Hans, en+zh-Hans


def test_a_bug_in_one_piece_does_not_stop_the_proof(monkeypatch, tmp_path):
    real = pipeline.render

    def buggy(job, catalogue, read_back):
        if job.languages == ("zh-Hans",):
            raise ZeroDivisionError("division by zero")
        return real(job, catalogue, read_back)

    monkeypatch.setattr(pipeline, "render", buggy)
    catalogue = load_catalogue()
    jobs = select_jobs(catalogue, ["poster"], ["letter"], ["en", "zh-Hans"])
    proof = make_proof(jobs, catalogue, tmp_path / "proof.pdf", workers=1)
    assert [piece.job.label for piece in proof.failed] == ["poster letter [zh-Hans]"]
    assert "internal error (ZeroDivisionError" in (proof.failed[0].error or "")
    assert len(placed_images((tmp_path / "proof.pdf").read_bytes())) == 2


def test_nothing_is_written_when_the_sheet_cannot_be_made(monkeypatch, tmp_path):
    def broken(*args, **kwargs):
        raise RenderError("the sheet broke")

    monkeypatch.setattr("awareprint.documents.proof.contact_sheet_pdf", broken)
    monkeypatch.setattr(proof_pieces, "proof_piece", lambda job: proof_pieces.ProofPiece(job))
    catalogue = load_catalogue()
    jobs = select_jobs(catalogue, ["poster"], ["letter"], ["en"])
    with pytest.raises(RenderError):
        make_proof(jobs, catalogue, tmp_path / "proof.pdf", workers=1)
    assert list(tmp_path.iterdir()) == []


def test_no_piece_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        make_proof([], load_catalogue(), tmp_path / "proof.pdf")


def test_a_label_with_an_unknown_placeholder_is_refused(tmp_path):
    source = Path(load_catalogue().content_dir, "proof", "en.yaml").read_text(encoding="utf-8")
    (tmp_path / "proof").mkdir()
    (tmp_path / "proof" / "en.yaml").write_text(
        source.replace('page: "p{page}/{pages}"', 'page: "p{page} of {total}"'),
        encoding="utf-8")
    with pytest.raises(ContentError, match=r"page has \{total\}"):
        load_proof_text(tmp_path)


def test_proof_is_in_the_help(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "proof" in capsys.readouterr().out


@pytest.mark.slow
def test_the_whole_catalogue_on_one_contact_sheet(tmp_path, catalogue, render_cache):
    """The pieces are the session's (the slow matrix rendered them): the proof is tested
    on placing the whole catalogue, not on rendering it a second time."""
    jobs = catalogue_jobs(catalogue)

    def piece(job):
        rendered = render_cache(job, catalogue)
        return ProofPiece(job, thumbnails(rendered.pdf, job, catalogue), rendered.scaled)

    proof = make_proof(jobs, catalogue, tmp_path / "proof.pdf", make_piece=piece)

    def pages(job):
        return len(catalogue.layouts[job.layout].pages_for(len(job.languages)))

    assert proof.summary.pieces == len(jobs)
    assert proof.summary.pages == sum(pages(job) for job in jobs)
    images = placed_images((tmp_path / "proof.pdf").read_bytes())
    assert len(images) == proof.summary.pages - sum(pages(piece.job) for piece in proof.failed)
    text = flat((tmp_path / "proof.pdf").read_bytes())
    for layout, spec in catalogue.layouts.items():
        for size in spec.sizes:
            assert f"{layout} · {size}" in text


def test_a_proof_is_the_same_file_every_time(catalogue, tmp_path):
    """Made twice, the smallest proof gives the same bytes, though its thumbnails are read
    from a new temporary folder each time."""
    jobs = select_jobs(catalogue, ["wallet-card"], ["business-card"], ["en"])
    made = []
    for name in ("first.pdf", "second.pdf"):
        make_proof(jobs, catalogue, tmp_path / name, workers=1)
        made.append((tmp_path / name).read_bytes())
    assert placed_images(made[0]), "no thumbnail on the proof: nothing was compared"
    assert made[0] == made[1], "the two proofs differ"


def _placed(pdf: bytes) -> list[dict]:
    with plumbed(pdf) as document:
        return [image for page in document.pages for image in page.images]


def _smallest_cell_text(pdf: bytes) -> float:
    """The smallest type on the contact sheets below the first page's title block: the
    cells' labels (the pieces themselves are pictures)."""
    with plumbed(pdf) as document:
        return min(char["size"] for page in document.pages for char in page.chars
                   if char["text"].strip() and char["top"] > 1.5 * 72
                   and char["bottom"] < page.height - 0.5 * 72)


def test_at_scale_1_every_page_is_shown_at_its_real_size(catalogue, rendered, tmp_path):
    """`proof --scale 1`: a wallet card's pages are pictures 3.5 × 2 in on the sheet, sharp
    enough to read (150 dpi or more), the block says the scale, and no word in a cell is
    set under 6 pt."""
    jobs = select_jobs(catalogue, ["wallet-card"], ["business-card"], ["en"])

    def piece(job, scale=1.0):
        from awareprint.documents.proof_grid import thumbnail_px

        pdf = rendered(job.layout, job.size)
        return ProofPiece(job, thumbnails(pdf, job, catalogue,
                                          thumbnail_px(catalogue.sizes[job.size], scale)))

    target = tmp_path / "proof.pdf"
    make_proof(jobs, catalogue, target, make_piece=piece, scale=1.0)
    pdf = target.read_bytes()
    images = _placed(pdf)
    assert len(images) == 2  # front and back
    for image in images:
        assert image["width"] == pytest.approx(3.5 * 72, abs=0.5)
        assert image["height"] == pytest.approx(2 * 72, abs=0.5)
        assert image["srcsize"][0] / 3.5 >= 150
    assert "shown at 100 % of its size" in " ".join(text_of(pdf).replace("\xa0", " ").split())
    assert _smallest_cell_text(pdf) >= 6


def test_the_overview_shows_small_pictures_with_labels_of_6_pt(catalogue, rendered,
                                                                tmp_path):
    jobs = select_jobs(catalogue, ["wallet-card"], ["business-card"], ["en"])

    def piece(job):
        return ProofPiece(job, thumbnails(rendered(job.layout, job.size), job, catalogue))

    target = tmp_path / "proof.pdf"
    make_proof(jobs, catalogue, target, make_piece=piece)
    pdf = target.read_bytes()
    assert all(image["width"] == pytest.approx(72, abs=0.5) for image in _placed(pdf))
    assert "of its size" not in text_of(pdf)
    assert _smallest_cell_text(pdf) >= 6


@pytest.mark.parametrize(("scale", "languages"), [(None, ("en", "es", "ar", "vi", "ko", "ru")),
                                                  (0.5, ("en", "es"))])
def test_the_sheets_are_filled_but_the_last(catalogue, tmp_path, scale, languages):
    """A block runs on to the next sheet rather than leave a sheet half empty: every sheet
    but the last is filled more than halfway down."""
    jobs = [job for job in catalogue_jobs(catalogue)
            if job.notice is None and set(job.languages) <= set(languages)]

    def piece(job):
        size = catalogue.sizes[job.size]
        pages = len(catalogue.layouts[job.layout].pages_for(len(job.languages)))
        buffer = io.BytesIO()
        Image.new("RGB", (round(size.width_pt / 4), round(size.height_pt / 4)),
                  (12, 35, 64)).save(buffer, format="JPEG")
        return ProofPiece(job, (buffer.getvalue(),) * pages)

    target = tmp_path / "proof.pdf"
    proof = make_proof(jobs, catalogue, target, make_piece=piece, scale=scale)
    assert proof.pages >= 3
    with plumbed(target.read_bytes()) as document:
        for page in document.pages[:-1]:
            lowest = max(image["bottom"] for image in page.images)
            assert lowest >= 0.5 * page.height, (page.page_number, lowest / page.height)


def test_a_scale_out_of_range_is_one_line_and_exit_2(capsys, tmp_path):
    assert main(["proof", "--layout", "poster", "--scale", "2",
                 "--out", str(tmp_path / "proof.pdf")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("render.py: --scale: a proof's scale of 2: give 0.1 to 1")
    assert len(err.strip().splitlines()) == 1


def test_the_proof_counts_each_language_s_strings_by_state(data, tmp_path):
    """The first sheet says, for each translation on it, how many of its strings are
    draft, reviewed, approved and stale (states without strings left out)."""
    from awareprint.catalogue.language_checks import fingerprint

    english = load_catalogue(data / "layouts", data / "content").languages["en"]
    path = data / "content/ar.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "\nreview:\n"
        f"  headline: {{state: reviewed, by: Ana Ruiz, date: 2026-12-01, "
        f"against: '{fingerprint(english.strings['headline'])}'}}\n"
        f"  get_help: {{state: approved, by: The office, date: 2026-12-02, "
        f"against: '{fingerprint(english.strings['get_help'])}'}}\n"
        "  label_call: {state: reviewed, by: Ana Ruiz, date: 2026-12-01, "
        "against: 'abcdef0123'}\n"), encoding="utf-8")
    load_catalogue.cache_clear()
    catalogue = load_catalogue(data / "layouts", data / "content")
    jobs = select_jobs(catalogue, ["wallet-card"], ["business-card"], ["en", "ar", "es"])

    def piece(job):
        pages = len(catalogue.layouts[job.layout].pages_for(len(job.languages)))
        buffer = io.BytesIO()
        Image.new("RGB", (70, 40), (12, 35, 64)).save(buffer, format="JPEG")
        return ProofPiece(job, (buffer.getvalue(),) * pages)

    make_proof(jobs, catalogue, tmp_path / "proof.pdf", make_piece=piece)
    first = " ".join(text_of((tmp_path / "proof.pdf").read_bytes()).split("\f")[0].split())
    total = len(english.strings)
    assert (f"Strings by state: ar {total - 3} draft, 1 reviewed, 1 approved, 1 stale "
            f"es {total} draft") in first
    assert " en " not in first.split("Strings by state:")[1][:40]  # the source has no state


def test_the_proof_says_in_plain_words_which_languages_no_person_has_reviewed(data, tmp_path):
    """The first sheet names each language with strings no person has reviewed, how many
    of how many (one changed in English since); each of its cells is marked, English's
    is not."""
    from awareprint.catalogue.language_checks import fingerprint

    english = load_catalogue(data / "layouts", data / "content").languages["en"]
    path = data / "content/ar.yaml"
    path.write_text(path.read_text(encoding="utf-8") + (
        "\nreview:\n"
        f"  headline: {{state: reviewed, by: Ana Ruiz, date: 2026-12-01, "
        f"against: '{fingerprint(english.strings['headline'])}'}}\n"
        "  label_call: {state: reviewed, by: Ana Ruiz, date: 2026-12-01, "
        "against: 'abcdef0123'}\n"), encoding="utf-8")
    load_catalogue.cache_clear()
    catalogue = load_catalogue(data / "layouts", data / "content")
    jobs = select_jobs(catalogue, ["poster"], ["letter"], ["en", "ar", "es"])

    def piece(job):
        buffer = io.BytesIO()
        Image.new("RGB", (70, 90), (12, 35, 64)).save(buffer, format="JPEG")
        return ProofPiece(job, (buffer.getvalue(),))

    make_proof(jobs, catalogue, tmp_path / "proof.pdf", make_piece=piece)
    text = flat((tmp_path / "proof.pdf").read_bytes())
    total = len(english.strings)
    assert (f"Arabic: {total - 1} of {total} strings not yet reviewed by a person (1 of them "
            f"changed in English since) · Spanish: {total} of {total} strings not yet "
            "reviewed by a person") in text
    for cell in ("ar p1/1", "es p1/1", "en+ar p1/1", "en+es p1/1"):  # markers: capitals
        assert f"{cell} poster · letter NOT YET REVIEWED" in text, cell
    assert "en p1/1 poster · letter NOT" not in text and "en p1/1 poster · letter ENG" not in text
    assert "ar p1/1 poster · letter NOT YET REVIEWED ENGLISH CHANGED" in text
