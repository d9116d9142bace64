"""tests/html.py, the parser other tests read pages with: forms submit what a browser would,
fields show their values, elements are found by selector, and it fails loudly when asked for
something the page does not have."""

from __future__ import annotations

import datetime as dt

import pytest
from django import forms
from django.http import HttpResponse
from django.utils.datastructures import MultiValueDict

from tests.html import parse

FORM = """
<form id="profil" method="post" action="/lagre/">
  <input type="hidden" name="csrfmiddlewaretoken" value="token">
  <input name="name" value="Kari &amp; Ola">
  <input name="blank">
  <input type="checkbox" name="topics" value="goals" checked>
  <input type="checkbox" name="topics" value="health">
  <input type="checkbox" name="topics" value="language" checked>
  <input type="checkbox" name="agreed" checked>
  <input type="radio" name="still_employed" value="yes">
  <input type="radio" name="still_employed" value="no" checked>
  <select name="level"><option value="">---</option><option value="B1" selected>B1</option></select>
  <select name="first"><option>Én</option><option>To</option></select>
  <select name="many" multiple><option value="1">1</option><option value="2">2</option></select>
  <textarea name="note">
&lt;b&gt;Linje 1
Linje 2</textarea>
  <input name="locked" value="fast" disabled>
  <fieldset disabled><input name="inside_locked" value="x"></fieldset>
  <input type="submit" name="save" value="Lagre">
  <button name="action" value="delete">Slett</button>
</form>
<form action="/logg-ut/"><input type="hidden" name="csrfmiddlewaretoken" value="other"></form>
"""


class TestForms:
    def test_a_form_submits_what_a_browser_would(self):
        assert parse(FORM).form(id="profil").data == {
            "csrfmiddlewaretoken": ["token"],
            "name": ["Kari & Ola"],
            "blank": [""],
            "topics": ["goals", "language"],
            "agreed": ["on"],
            "still_employed": ["no"],
            "level": ["B1"],
            "first": ["Én"],  # no option selected: the first, by its text
            "note": ["<b>Linje 1\nLinje 2"],  # the newline after <textarea> is not content
        }

    def test_a_form_is_chosen_by_id_action_or_a_field_in_it(self):
        page = parse(FORM)
        assert page.form(id="profil") is page.form(action="/lagre/")
        assert page.form(containing="topics") is page.form(id="profil")
        assert page.form(action="/logg-ut/").data == {"csrfmiddlewaretoken": ["other"]}

    @pytest.mark.parametrize(
        "criteria", [{}, {"containing": "csrfmiddlewaretoken"}, {"id": "nowhere"}]
    )
    def test_asking_for_a_form_fails_unless_exactly_one_fits(self, criteria):
        with pytest.raises(AssertionError, match="forms with"):
            parse(FORM).form(**criteria)

    def test_a_django_form_rendered_by_our_templates_comes_back_as_it_was(self):
        class Form(forms.Form):
            name = forms.CharField()
            note = forms.CharField(widget=forms.Textarea, strip=False)
            level = forms.ChoiceField(choices=[("", "---"), ("A2", "A2"), ("B1", "B1")])
            topics = forms.MultipleChoiceField(
                choices=[("goals", "Goals"), ("language", "Language"), ("health", "Health")],
                widget=forms.CheckboxSelectMultiple,
            )
            agreed = forms.BooleanField(required=False)
            on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))

        sent = {
            "name": "<script>alert(1)</script>",
            "note": "\nFirst line blank\n",
            "level": "B1",
            "topics": ["goals", "health"],
            "agreed": True,
            "on": dt.date(2026, 2, 20),
        }
        shown = parse(f"<form>{Form(initial=sent)}</form>").form().data

        again = Form(MultiValueDict(shown))
        assert again.is_valid(), again.errors
        assert again.cleaned_data == sent


class TestFields:
    def test_a_field_shows_its_value_its_text_or_the_chosen_options(self):
        page = parse(FORM)
        assert page.value("name") == "Kari & Ola"
        assert page.value("note") == "<b>Linje 1\nLinje 2"
        assert page.values("topics") == ["goals", "language"]
        assert page.value("level") == "B1"
        assert page.value("locked") == "fast"  # shown, though a browser does not send it
        assert page.value("many") == ""  # nothing chosen
        assert page.options("level") == ["", "B1"]

    def test_a_field_is_found_with_its_attributes(self):
        field = parse(FORM).field("locked")
        assert field.tag == "input"
        assert "disabled" in field
        assert field["value"] == "fast"
        assert "checked" not in field

    @pytest.mark.parametrize("name", ["missing", "save"])  # a submit button shows no value
    def test_asking_for_a_field_the_page_lacks_fails(self, name):
        with pytest.raises(AssertionError, match="no field called"):
            parse(FORM).value(name)


class TestElements:
    PAGE = """<!DOCTYPE html><html lang="nb"><body>
      <main id="innhold">
        <ul class="pt-list plain" id="liste"><li class="rad">En<li class="rad valgt">To</ul>
        <p>Første<br>avsnitt</p><p>Andre &nbsp; <a href="/a/">lenke</a></p></div>
        <table><thead><tr><th>Felt</th><th>Verdi</th></tr></thead>
          <tbody><tr><td> Telefon </td><td>
            99 99 99 99</td></tr></tbody></table>
        <div id="id_phone_error"><p>Ugyldig</p><p>For kort</p></div>
        <div id="id_note_error">Skriv noe</div>
        <a href="/b/?fra=dag">To</a>
      </main></body></html>"""

    def test_it_finds_elements_by_tag_id_class_and_attribute(self):
        page = parse(self.PAGE)
        assert [li.text for li in page.select("li.rad")] == ["En", "To"]
        assert page.one("ul#liste.plain li.valgt").text == "To"
        assert page.one("html[lang=nb]")["lang"] == "nb"
        assert page.select("[href]") == page.select("a")
        assert page.select("table li") == []
        assert page.by_id("liste") is page.one("#liste")
        assert page.by_id("nowhere") is None
        assert {"innhold", "liste", "id_phone_error"} <= page.ids

    def test_one_fails_unless_exactly_one_element_matches(self):
        with pytest.raises(AssertionError, match="2 elements match 'li'"):
            parse(self.PAGE).one("li")
        with pytest.raises(ValueError, match="unsupported"):
            parse(self.PAGE).select("ul > li")

    def test_text_is_collapsed_as_shown_but_keeps_no_break_spaces(self):
        paragraphs = parse(self.PAGE).select("p")
        assert paragraphs[0].text == "Første avsnitt"  # a <br> is whitespace
        assert paragraphs[1].text == "Andre \xa0 lenke"

    def test_links_rows_and_errors(self):
        page = parse(self.PAGE)
        assert page.links == ["/a/", "/b/?fra=dag"]
        assert page.rows == [["Telefon", "99 99 99 99"]]  # not the header row
        assert page.errors("phone") == ["Ugyldig", "For kort"]
        assert page.errors("note") == ["Skriv noe"]
        assert page.errors("email") == []

    def test_a_stray_end_tag_closes_nothing_it_did_not_open(self):
        main = parse(self.PAGE).one("main")  # the stray </div> above is ignored
        assert main.one("table").parent is main
        assert main.one("#id_note_error").parent is main


def test_it_reads_a_response_in_its_charset_and_bytes():
    response = HttpResponse("<p>Blåbær</p>".encode("latin-1"), charset="latin-1")
    assert parse(response).one("p").text == "Blåbær"
    assert parse("<p>Blåbær</p>".encode()).one("p").text == "Blåbær"
